using System.Text;
using Provenance.Capture.Model;
using Provenance.Capture.Prov.Merge;
using Provenance.Capture.Prov.Readers;
using Provenance.Capture.Prov.Validation;
using Provenance.Capture.Prov.Writers;

namespace Provenance.Capture.Fuzz;

/// <summary>
/// One entry per reader: each takes any bytes and must end normally. Problems in the input are reported
/// by the readers as values (read problems, validation problems, model diagnostics); any other exception,
/// a crash or a hang is a finding.
/// </summary>
internal static class FuzzTargets
{
    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["clef"] = bytes => Merge(bytes),
        ["lst"] = bytes => Merge([.. "__PROV__2020-11-21T01:03:09.131522__PROV__"u8, .. bytes]),
        ["provjson"] = bytes => ProvJson(Encoding.UTF8.GetString(bytes)),
        ["yaml"] = bytes => Yaml(Encoding.UTF8.GetString(bytes)),
    };

    private static readonly string Scratch = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"provcap-fuzz-{Environment.ProcessId}.log");

    // Through the whole merge: the line reader, the decoders, the merge at two granularities and the writers.
    private static void Merge(byte[] bytes)
    {
        File.WriteAllBytes(Scratch, bytes);
        foreach (var granularity in new[] { Granularity.Subrun, Granularity.Run })
        {
            var merged = ProvenanceMerger.Merge([Scratch], new MergeOptions { Granularity = granularity, IncludeMembers = true });
            _ = ProvJsonWriter.ToJson(merged.Graph);
            _ = ProvNWriter.ToProvN(merged.Document);
            _ = DotWriter.ToDot(merged.Document);
        }
    }

    // Both ways of validating (whole, and member by member as large files are), and reading for a graph.
    private static void ProvJson(string text)
    {
        _ = ProvValidator.Validate(text);
        File.WriteAllText(Scratch, text);
        _ = ProvValidator.ValidateInParts(Scratch);
        try
        {
            _ = DotWriter.ToDot(ProvJsonReader.Read(Scratch));
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException)
        {
            // Not a JSON object: reported as such to the user.
        }
    }

    private static void Yaml(string text)
    {
        try
        {
            _ = ProvenanceModel.Parse(text, "fuzz.yaml");
        }
        catch (ProvenanceModelException e) when (e.Diagnostics.Count > 0 && e.Diagnostics.All(d => d.File == "fuzz.yaml"))
        {
            // A bad model, reported as one: the expected outcome for most inputs.
        }
    }
}
