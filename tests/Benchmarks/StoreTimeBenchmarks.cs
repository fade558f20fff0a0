// Results: docs/performance.md (2026-12-07, second session).
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Provenance.Capture.Store;

namespace Benchmarks;

/// <summary>
/// The store's times (an ingest writes one per relation and two per activity; a walk reads two per activity):
/// written and read digit by digit (<see cref="StoreTime"/>) against .NET's custom format string, which the store
/// used before. 1,000 times per operation.
/// </summary>
[MemoryDiagnoser]
public class StoreTimeBenchmarks
{
    private const string Written = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private DateTimeOffset[] _times = [];
    private string[] _texts = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20201120);
        _times = [.. Enumerable.Range(0, 1000).Select(_ => new DateTimeOffset(2020, 11, 20, 22, 0, 0, TimeSpan.Zero).AddTicks(random.NextInt64(TimeSpan.TicksPerDay)))];
        _texts = [.. _times.Select(t => StoreTime.Format(t)!)];
    }

    [Benchmark]
    public int FormatByDigits() => _times.Sum(t => StoreTime.Format(t)!.Length);

    [Benchmark(Baseline = true)]
    public int FormatByNet() => _times.Sum(t => t.UtcDateTime.ToString(Written, CultureInfo.InvariantCulture).Length);

    [Benchmark]
    public long ParseByDigits() => _texts.Aggregate(0L, (sum, t) => sum ^ StoreTime.Parse(t)!.Value.Ticks);

    [Benchmark]
    public long ParseByNet() => _texts.Aggregate(0L, (sum, t) => sum ^ DateTime.ParseExact(t, Written, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal).Ticks);
}
