using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Merge;

namespace Provenance.Capture.Prov.Tests;

/// <summary>
/// Jobs of one night write the same nested blocks in their session records (loaded assemblies, model):
/// the reader shares equal blocks and the merge flattens a shared block once. Each session still gets
/// exactly its own attributes.
/// </summary>
public sealed class SharedSessionBlockTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-blocks-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Assemblies(string serilog, string? extra = null)
        => $$"""{"Microsoft.Extensions.Logging":"10.0.0.0","Provenance.Capture":"0.1.0.0","Serilog":"{{serilog}}","System.Text.Json":"10.0.0.0"{{(extra is null ? "" : $",\"{extra}\":\"1.0.0.0\"")}}}""";

    private static string Session(int job, string assemblies)
        => $$"""{"prov_kind":"session","prov_schema":1,"session_id":"s{{job}}","session_tag":"night","name":"job","startTime":"2020-11-20T21:00:0{{job}}.0000000+00:00","host":"cp0{{job}}","model":{"path":"/models/lst-onsite.yaml","hash":"9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c","hash_type":"md5"},"assemblies":{{assemblies}},"environment":{"SLURM_JOB_ID":"{{4000 + job}}","HOME":"/home/lst"},"command_line":"job --subrun {{job}}"}""";

    private static string Activity(int job)
        => $$"""{"prov_kind":"activity_start","prov_schema":1,"activity_id":"s{{job}}-1","name":"r0_to_dl1","startTime":"2020-11-20T21:00:0{{job}}.0000000+00:00","in_session":"s{{job}}","run":1618,"subrun":{{job}}}""";

    [Fact]
    public void Sessions_sharing_blocks_each_keep_their_own_attributes()
    {
        var log = Path.Combine(_directory, "night.log");
        File.WriteAllLines(log,
        [
            Session(1, Assemblies("4.4.0.0")), Activity(1),
            Session(2, Assemblies("4.4.0.0")), Activity(2),
            Session(3, Assemblies("5.0.0.0", extra: "YamlDotNet")), Activity(3),
            Session(4, Assemblies("4.4.0.0")), Activity(4),
        ]);

        var agents = ProvenanceMerger.Merge([log], new MergeOptions { Granularity = Granularity.Subrun }).Document.Agents;
        ProvElement Agent(int job) => agents[$"agent:session_s{job}"];

        foreach (var job in new[] { 1, 2, 4 })
        {
            Agent(job).Get("provcap:assemblies_Serilog").ShouldBe("4.4.0.0");
            Agent(job).Attributes.ContainsKey("provcap:assemblies_YamlDotNet").ShouldBeFalse();
        }

        Agent(3).Get("provcap:assemblies_Serilog").ShouldBe("5.0.0.0");
        Agent(3).Get("provcap:assemblies_YamlDotNet").ShouldBe("1.0.0.0");
        foreach (var job in new[] { 1, 2, 3, 4 })
        {
            Agent(job).Get("provcap:environment_SLURM_JOB_ID").ShouldBe($"{4000 + job}");
            Agent(job).Get("provcap:model_path").ShouldBe("/models/lst-onsite.yaml");
            Agent(job).Get("provcap:host").ShouldBe($"cp0{job}");
            Agent(job).Attributes.Keys.Count(k => k.StartsWith("provcap:assemblies_", StringComparison.Ordinal)).ShouldBe(job == 3 ? 5 : 4);
        }
    }
}
