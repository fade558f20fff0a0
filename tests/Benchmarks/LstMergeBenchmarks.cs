using BenchmarkDotNet.Attributes;
using Provenance.Capture.Prov.Merge;
using Provenance.Capture.Prov.Writers;

namespace Benchmarks;

/// <summary>
/// Merge of a log shaped like lstosa's (<see cref="SyntheticLstLog"/>: the session block of about 30 KB
/// before every call, runs of three subruns), one thread. <c>Merge</c> reads, decodes and aggregates;
/// <c>MergeAndWrite</c> also writes the PROV-JSON. Records/s = the log's records / Mean.
/// </summary>
[MemoryDiagnoser]
public class LstMergeBenchmarks
{
    private string _log = null!;
    private string _output = null!;

    [Params(Granularity.Subrun, Granularity.Run)]
    public Granularity Granularity { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _log = SyntheticLstLog.InTemp();
        _output = Path.Combine(Path.GetTempPath(), $"provcap-bench-lst-{Granularity}.prov.json");
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
