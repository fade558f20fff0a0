using BenchmarkDotNet.Attributes;
using Provenance.Capture.Prov.Merge;
using Provenance.Capture.Prov.Validation;
using Provenance.Capture.Prov.Writers;

namespace Benchmarks;

/// <summary>
/// <c>provcap validate</c> of a 20 MB PROV-JSON document (the subrun-level merge of a 28,000-record
/// synthetic night), checked member by member as every document over 4 MB is; with and without the
/// accept-only schema rule that lets certainly-valid members skip NJsonSchema.
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private string _document = null!;

    [Params(true, false)]
    public bool Acceptor { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _document = Path.Combine(Path.GetTempPath(), "provcap-bench-validate-20MB.prov.json");
        if (!File.Exists(_document))
        {
            var log = Path.Combine(Path.GetTempPath(), "provcap-bench-validate.log");
            SyntheticNightLog.Write(log, 28_000);
            ProvOutput.Write(ProvenanceMerger.Merge([log], new MergeOptions { Granularity = Granularity.Subrun }).Graph, _document + ".part", ProvFormat.Json);
            File.Move(_document + ".part", _document);
        }
    }

    [Benchmark]
    public int Validate() => ProvValidator.ValidateInParts(_document, acceptor: Acceptor).Count;
}
