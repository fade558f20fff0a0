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
