using System.Collections.Concurrent;
using System.Text;
using Provenance.Capture.Prov.Merge;
using Provenance.Capture.Prov.Writers;
using Provenance.Capture.Records;
using Provenance.Capture.Tests.Pipeline;

namespace Provenance.Capture.Tests;

/// <summary>A secret handed to a pipeline appears in no byte capture writes, nor in the PROV made from it.</summary>
[Collection(SelfLogCollection.Name)]
public sealed class SecretTests : IDisposable
{
    private const string Secret = "hunter2";
    private readonly CaptureFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    // Every file under the capture's folder (log, archive) and the documents merged from the log.
    private IEnumerable<(string File, string Text)> EverythingWritten()
    {
        var merged = ProvenanceMerger.Merge([_fixture.LogPath], new MergeOptions()).Document;
        ProvOutput.Write(merged, Path.Combine(_fixture.Directory, "merged.prov.json"));
        ProvOutput.Write(merged, Path.Combine(_fixture.Directory, "merged.provn"));
        foreach (var file in Directory.GetFiles(_fixture.Directory, "*", SearchOption.AllDirectories))
        {
            yield return (file, Encoding.UTF8.GetString(File.ReadAllBytes(file)));
        }
    }

    [Fact]
    public void Secrets_in_parameter_values_exceptions_blind_arguments_urls_and_environment_are_masked_everywhere()
    {
        var reports = new ConcurrentQueue<string>();
        SelfLog.Enable(reports.Enqueue);
        Environment.SetEnvironmentVariable("PROVENANCE_TEST_STORE", $"Host=db;Username=prov;Password={Secret};Database=night");
        try
        {
            var input = _fixture.File("blind.txt", "blind input");
            using (_fixture.Start(o => o.UnmodelledActivities = UnmodelledActivityHandling.CaptureBlind))
            {
                Should.Throw<IOException>(() => TestPipeline.Connect($"Host=db;Pwd={Secret}", Secret, $"http://operator:p@ss{Secret}@proxy.example:3128"));
                TestPipeline.NotInModel(5, input, apiToken: $"tok-{Secret}");
            }
        }
        finally
        {
            SelfLog.Disable();
            Environment.SetEnvironmentVariable("PROVENANCE_TEST_STORE", null);
        }

        var start = _fixture.Records(RecordKinds.ActivityStart).First(r => r.Str("name") == "connect");
        var parameters = start.GetProperty("parameters");
        parameters.Str("connection").ShouldBe("Host=db;Pwd=***");
        parameters.Str("passphrase").ShouldBe("***", "the model marks it secret: true");
        parameters.Str("proxy").ShouldBe("http://***@proxy.example:3128", "the password's unencoded @ is masked with the rest");
        _fixture.Records(RecordKinds.ActivityEnd).First(r => r.Str("activity_id") == start.Str("activity_id")).Str("exception_message")
            .ShouldBe("cannot reach the store at 'Host=db;Pwd=***");
        _fixture.Records(RecordKinds.ActivityStart).Single(r => r.TryGetProperty("blind", out _)).GetProperty("parameters").Str("apiToken").ShouldBe("***");
        _fixture.Records(RecordKinds.Session).ShouldHaveSingleItem().GetProperty("environment").Str("PROVENANCE_TEST_STORE")
            .ShouldBe("Host=db;Username=prov;Password=***;Database=night");
        reports.ShouldNotBeEmpty("the missing 'store' file was reported");

        var written = EverythingWritten().ToList();
        written.Select(w => Path.GetFileName(w.File)).ShouldContain("merged.provn");
        written.Where(w => w.Text.Contains(Secret, StringComparison.Ordinal)).Select(w => w.File).ShouldBeEmpty();
        reports.Where(r => r.Contains(Secret, StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Server=db;User Id=u;Password='a;b';Trusted=no", "Server=db;User Id=u;Password=***;Trusted=no")]
    [InlineData("https://host/api?token=abc&page=2", "https://host/api?token=***&page=2")]
    [InlineData("AccountName=x;AccountKey=abc==;EndpointSuffix=core", "AccountName=x;AccountKey=***;EndpointSuffix=core")]
    [InlineData("https://user:p@ss@proxy:3128/path@x", "https://***@proxy:3128/path@x")]
    [InlineData("https://sso/cb?access_token=abc&refresh-token=def&state=1", "https://sso/cb?access_token=***&refresh-token=***&state=1")]
    [InlineData("/data/run=5/file.fits", "/data/run=5/file.fits")]
    [InlineData("keypad=3", "keypad=3")]
    public void Secrets_are_recognised_by_the_shape_of_the_value(string value, string expected)
        => SecretRedactor.RedactValue(value).ShouldBe(expected);

    [Theory]
    [InlineData(new[] { "mysql", "-u", "prov", "-p", Secret, "night" }, "mysql -u prov -p *** night")]
    [InlineData(new[] { "tool", "--store", $"Host=db;Password={Secret}" }, "tool --store Host=db;Password=***")]
    public void Short_password_flags_and_connection_strings_on_the_command_line_are_masked(string[] arguments, string expected)
        => Session.SessionInfo.RedactArguments(arguments).ShouldBe(expected);
}
