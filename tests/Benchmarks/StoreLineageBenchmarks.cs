using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Provenance.Capture.Store;

namespace Benchmarks;

/// <summary>
/// Lineage on a warm store of 1 and of 10 nights (1,000,000 log records a night) on each engine, one
/// walk per iteration so that the percentiles are those of single walks: back from one DL2 file through
/// the whole chain to its R0 file and calibration, forth from one R0 subrun file to its products (both
/// a fixed size whatever the store holds), forth from a night's calibration file to every product of
/// the night (571,429 nodes).
/// </summary>
[Config(typeof(LatencyConfig))]
public class StoreLineageBenchmarks
{
    private ProvenanceStore _store = null!;
    private string _dl2 = null!;
    private string _r0 = null!;
    private string _calibration = null!;

    [Params(StoreEngineKind.Sqlite, StoreEngineKind.Postgres)]
    public StoreEngineKind Engine { get; set; }

    [Params(1, 10)]
    public int Nights { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _store = ProvenanceStore.Open(StoreBench.BuiltNights(Engine, Nights, Console.Out));

        // The files of the store's first night: in a 10-night store, nine nights were added after them.
        var run = SyntheticNightLog.FirstRun(0) + 58;
        _dl2 = SyntheticNightLog.FileOf("DL2", 0, run, 406);
        _r0 = SyntheticNightLog.FileOf("R0", 0, run, 406);
        _calibration = SyntheticNightLog.FileOf("Calibration", 0, 0, 0);
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark]
    public int BackFromDl2() => Walk(_dl2, LineageDirection.Back, 6);

    [Benchmark]
    public int ForthFromR0() => Walk(_r0, LineageDirection.Forth, 5);

    [Benchmark]
    [WarmupCount(1)]
    [IterationCount(3)]
    public int ForthFromCalibration() => Walk(_calibration, LineageDirection.Forth, 571_429);

    // The same walk read as a stream, as `provcap lineage --format table|json` reads it: each node handed
    // over as it comes, none kept, without the PROV attributes that only a PROV document needs.
    [Benchmark]
    [WarmupCount(1)]
    [IterationCount(3)]
    public int StreamForthFromCalibration()
    {
        using var stream = _store.StreamLineage(_calibration, new LineageOptions { Direction = LineageDirection.Forth, MaxNodes = int.MaxValue, WithAttributes = false });
        var nodes = stream.Nodes.Count();
        return nodes == 571_429 ? nodes : throw new InvalidOperationException($"forth from {_calibration}: {nodes} nodes streamed, expected 571,429");
    }

    private int Walk(string file, LineageDirection direction, int expected)
    {
        var nodes = _store.Lineage(file, new LineageOptions { Direction = direction, MaxNodes = int.MaxValue }).Nodes.Count;
        return nodes == expected ? nodes : throw new InvalidOperationException($"{direction} from {file}: {nodes} nodes, expected {expected}");
    }

    private sealed class LatencyConfig : ManualConfig
    {
        public LatencyConfig()
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithWarmupCount(3).WithIterationCount(100).WithInvocationCount(1).WithUnrollFactor(1));
            AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median, BenchmarkDotNet.Columns.StatisticColumn.P95, new PercentileColumn(99));
        }
    }
}
