// Last run (2026-11-23, 2-core VM, .NET 10, BenchmarkDotNet 0.15.8 ShortRun), 1,000,000 records (577 MB),
// and in brackets the range over three runs that day (the VM is noisy):
// | Method        | Granularity | Mean                   | records/s | Allocated |
// | Merge         | Subrun      | 1.62 s (1.34 – 1.62 s) |  616,000  |  217 MB   |
// | MergeAndWrite | Subrun      | 6.51 s (6.51 – 7.36 s) |  154,000  | 3422 MB   |  (writes a 705 MB PROV-JSON document)
// | Merge         | Run         | 1.73 s (1.36 – 1.77 s) |  577,000  |  250 MB   |
// | MergeAndWrite | Run         | 2.15 s (1.90 – 2.16 s) |  465,000  |  339 MB   |
using BenchmarkDotNet.Attributes;
using Provenance.Capture.Prov.Merge;
using Provenance.Capture.Prov.Writers;

namespace Benchmarks;

/// <summary>
/// Merge of a generated 1,000,000-record log (shaped like capture's, see <see cref="SyntheticNightLog"/>)
/// at subrun and run granularity, one thread. <c>Merge</c> reads, aggregates and prepares the graph;
/// <c>MergeAndWrite</c> also writes the PROV-JSON file. Records/s = 1,000,000 / Mean.
/// Peak memory: see the README (measured with /usr/bin/time on provcap).
/// </summary>
[MemoryDiagnoser]
public class MergeThroughputBenchmarks
{
    public const int Records = 1_000_000;
    private string _log = null!;
    private string _output = null!;

    /// <summary>Which log: the first record format the earlier figures were measured on, or today's capture (<see cref="CurrentCaptureLog"/>).</summary>
    public enum LogShape
    {
        FirstFormat,
        Current,
    }

    [Params(LogShape.FirstFormat, LogShape.Current)]
    public LogShape Log { get; set; }

    [Params(Granularity.Subrun, Granularity.Run)]
    public Granularity Granularity { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _log = Log == LogShape.Current ? CurrentCaptureLog.InTemp() : SyntheticNightLog.InTemp(0);
        _output = Path.Combine(Path.GetTempPath(), $"provcap-bench-{Log}-{Granularity}.prov.json");
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_output);

    [Benchmark]
    public long Merge() => ProvenanceMerger.Merge([_log], new MergeOptions { Granularity = Granularity }).RecordsRead;

    [Benchmark]
    public int MergeAndWrite()
    {
        var result = ProvenanceMerger.Merge([_log], new MergeOptions { Granularity = Granularity });
        return ProvOutput.Write(result.Graph, _output).Relations;
    }
}
