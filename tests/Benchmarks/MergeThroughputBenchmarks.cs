// Last run (2026-11-23, 2-core VM, .NET 10.0.12, BenchmarkDotNet 0.15.8 ShortRun), 1,000,000 records:
// | Granularity | Mean   | records/s | allocated |
// | Subrun      | 17.8 s |   56,000  |  5.4 GB   |
// | Run         |  6.6 s |  151,000  |  3.0 GB   |
using BenchmarkDotNet.Attributes;
using Provenance.Capture.Prov.Merge;

namespace Benchmarks;

/// <summary>
/// Merge of a generated 1,000,000-record log at subrun and run granularity, one thread.
/// Records/s = 1,000,000 / Mean. Peak memory: see the README (measured with /usr/bin/time on provcap).
/// </summary>
[MemoryDiagnoser]
public class MergeThroughputBenchmarks
{
    public const int Records = 1_000_000;
    private string _log = null!;

    [Params(Granularity.Subrun, Granularity.Run)]
    public Granularity Granularity { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _log = Path.Combine(Path.GetTempPath(), "provcap-bench-1M.log");
        if (!File.Exists(_log))
        {
            SyntheticNightLog.Write(_log, Records);
        }
    }

    [Benchmark]
    public int Merge()
    {
        var result = ProvenanceMerger.Merge([_log], new MergeOptions { Granularity = Granularity });
        return result.Document.Relations.Count;
    }
}
