// Results: the README's "Performance" section (every log, median and range of three runs).
using BenchmarkDotNet.Attributes;
using Provenance.Capture.Prov.Merge;
using Provenance.Capture.Prov.Writers;

namespace Benchmarks;

/// <summary>
/// Merge of a generated log at subrun and run granularity, read on one thread or two: 1,000,000 CLEF records in the
/// first record format (<see cref="SyntheticNightLog"/>) or as capture writes them today
/// (<see cref="CurrentCaptureLog"/>), or 150,000 LST records shaped like lstosa's (<see cref="SyntheticLstLog"/>).
/// <c>Merge</c> reads, aggregates and prepares the graph; <c>MergeAndWrite</c> also writes the PROV-JSON
/// file. Records/s = the log's records / Mean.
/// Peak memory: see the README (measured with /usr/bin/time on provcap).
/// </summary>
[MemoryDiagnoser]
public class MergeThroughputBenchmarks
{
    public const int Records = 1_000_000;
    private string _log = null!;
    private string _output = null!;

    /// <summary>Which log: the first record format the earlier figures were measured on, today's capture, or lstosa's.</summary>
    public enum LogShape
    {
        FirstFormat,
        Current,
        Lstosa,
    }

    [ParamsSource(nameof(Logs))]
    public LogShape Log { get; set; }

    /// <summary>Every log, or those named in PROVCAP_BENCH_LOGS (comma-separated, e.g. <c>FirstFormat</c>): a run of the whole class takes an hour.</summary>
    public static IEnumerable<LogShape> Logs => Environment.GetEnvironmentVariable("PROVCAP_BENCH_LOGS") is { Length: > 0 } named
        ? named.Split(',').Select(Enum.Parse<LogShape>)
        : Enum.GetValues<LogShape>();

    [Params(Granularity.Subrun, Granularity.Run)]
    public Granularity Granularity { get; set; }

    /// <summary>Threads that decode the log (<see cref="MergeOptions.ReadThreads"/>): one, or one per core of the 2-core VM.</summary>
    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    /// <summary>One and two threads, or those named in PROVCAP_BENCH_THREADS (comma-separated, e.g. <c>2</c>).</summary>
    public static IEnumerable<int> ThreadCounts => Environment.GetEnvironmentVariable("PROVCAP_BENCH_THREADS") is { Length: > 0 } named
        ? named.Split(',').Select(t => int.Parse(t, System.Globalization.CultureInfo.InvariantCulture))
        : [1, 2];

    [GlobalSetup]
    public void Setup()
    {
        _log = Log switch
        {
            LogShape.Current => CurrentCaptureLog.InTemp(),
            LogShape.Lstosa => SyntheticLstLog.InTemp(),
            _ => SyntheticNightLog.InTemp(0),
        };
        _output = Path.Combine(Path.GetTempPath(), $"provcap-bench-{Log}-{Granularity}.prov.json");
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_output);

    [Benchmark]
    public long Merge() => ProvenanceMerger.Merge([_log], Options()).RecordsRead;

    [Benchmark]
    public int MergeAndWrite()
    {
        var result = ProvenanceMerger.Merge([_log], Options());
        return ProvOutput.Write(result.Graph, _output).Relations;
    }

    private MergeOptions Options() => new() { Granularity = Granularity, ReadThreads = Threads };
}
