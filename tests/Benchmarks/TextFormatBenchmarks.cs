using BenchmarkDotNet.Attributes;
using Provenance.Capture.Prov.Merge;
using Provenance.Capture.Prov.Writers;

namespace Benchmarks;

/// <summary>
/// The 1M-record benchmark log (first record format) merged at subrun granularity on two reading threads
/// and written as PROV-JSON, PROV-N or DOT: what each output format costs on top of the merge.
/// </summary>
[MemoryDiagnoser]
public class TextFormatBenchmarks
{
    private string _log = null!;
    private string _output = null!;

    [Params(ProvFormat.Json, ProvFormat.ProvN, ProvFormat.Dot)]
    public ProvFormat Format { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _log = SyntheticNightLog.InTemp(0);
        _output = Path.Combine(Path.GetTempPath(), $"provcap-bench-format.{Format}");
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_output);

    [Benchmark]
    public int MergeAndWrite()
    {
        var result = ProvenanceMerger.Merge([_log], new MergeOptions { Granularity = Granularity.Subrun, ReadThreads = 2 });
        return ProvOutput.Write(result.Graph, _output, Format).Relations;
    }
}
