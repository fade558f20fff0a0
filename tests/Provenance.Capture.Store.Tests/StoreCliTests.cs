using System.Text.Json;
using Provenance.Capture.Cli;
using Provenance.Capture.Prov.Validation;

namespace Provenance.Capture.Store.Tests;

/// <summary>The store verbs of provcap as a user types them.</summary>
public sealed class StoreCliTests(StoreNight night) : IClassFixture<StoreNight>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-store-cli-").FullName;

    private string Store => Path.Combine(_directory, "provenance.db");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static (int Code, string Output, string Error) Run(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ProvcapCommand.Run(arguments, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string Dl2Run => Path.Combine(night.Data, "DL2", "20201120", "dl2_LST-1.Run01618.h5");

    [Fact]
    public void A_call_whose_records_went_to_two_logs_is_reported_for_the_log_without_its_start()
    {
        var lines = File.ReadAllLines(night.LogPath);
        var afterFirstStart = Array.FindIndex(lines, l => l.Contains("\"activity_start\"", StringComparison.Ordinal)) + 1;
        var first = Path.Combine(_directory, "first.log");
        var second = Path.Combine(_directory, "second.log");
        File.WriteAllLines(first, lines[..afterFirstStart]);
        File.WriteAllLines(second, lines[afterFirstStart..]);

        var result = Run("ingest", first, second, "--store", Store);

        result.Code.ShouldBe(ProvcapCommand.Skipped);
        result.Error.ShouldContain($"provcap: warning: {second}: 1 activities whose start is not in this log were left out");
        result.Output.ShouldContain($"{second}: ");
        result.Output.ShouldContain("; 1 activities without a start left out");
        result.Output.ShouldNotContain($"{first}: 0");
    }

    [Fact]
    public void Ingest_says_what_it_added_and_a_second_time_that_nothing_was_new()
    {
        var first = Run("ingest", night.LogPath, "--store", Store);
        var second = Run("ingest", night.LogPath, "--store", Store);

        first.Code.ShouldBe(ProvcapCommand.Ok, first.Error);
        first.Output.ShouldContain($"{night.LogPath}: ");
        first.Output.ShouldContain("1 of 1 file(s) added");
        second.Output.ShouldContain("already in the store");
        second.Output.ShouldContain("0 of 1 file(s) added");
    }

    [Fact]
    public void A_missing_file_is_one_line_naming_it_and_the_others_are_still_ingested()
    {
        var missing = Path.Combine(_directory, "nowhere.log");

        var result = Run("ingest", missing, night.LogPath, "--store", Store);

        result.Code.ShouldBe(ProvcapCommand.Failed);
        result.Error.Trim().Split('\n').ShouldHaveSingleItem().ShouldBe($"provcap: log file '{missing}' does not exist; not ingested");
        result.Output.ShouldContain("1 of 2 file(s) added");
    }

    [Fact]
    public void Lineage_prints_a_table_json_a_reprocessing_list_and_prov_json()
    {
        Run("ingest", night.LogPath, "--store", Store).Code.ShouldBe(ProvcapCommand.Ok);

        var table = Run("lineage", Dl2Run, "--store", Store);
        var json = Run("lineage", Dl2Run, "--store", Store, "--format", "json", "--depth", "2");
        var list = Run("lineage", Path.Combine(night.Data, "R0", "20201120", "LST-1.1.Run01618.0001.fits.fz"), "--direction", "forth", "--entities-only", "--store", Store);
        var document = Path.Combine(_directory, "lineage.prov.json");
        var prov = Run("lineage", Dl2Run, "--store", Store, "--format", "provjson", "-o", document);

        table.Code.ShouldBe(ProvcapCommand.Ok, table.Error);
        table.Output.ShouldContain("LST-1.1.Run01618.0002.fits.fz", customMessage: "the run's R0 files are where its DL2 came from");
        table.Output.ShouldContain("drs4_pedestal");
        using (var parsed = JsonDocument.Parse(json.Output))
        {
            parsed.RootElement.GetProperty("direction").GetString().ShouldBe("back");
            parsed.RootElement.GetProperty("nodes").EnumerateArray().Max(n => n.GetProperty("depth").GetInt32()).ShouldBe(2);
            parsed.RootElement.GetProperty("edges").GetArrayLength().ShouldBeGreaterThan(0);
        }

        list.Output.ShouldStartWith("run 1618:");
        list.Output.ShouldContain("dl2_LST-1.Run01618.0001.h5");
        list.Output.ShouldContain("dl2_LST-1.Run01618.h5");
        list.Output.ShouldNotContain("Run01618.0002", customMessage: "another subrun's files do not come of this R0 file");
        prov.Code.ShouldBe(ProvcapCommand.Ok, prov.Error);
        ProvValidator.IsValid(ProvValidator.ValidateFile(document, strict: true)).ShouldBeTrue();
    }

    [Fact]
    public void Lineage_mistakes_are_one_line_each()
    {
        Run("ingest", night.LogPath, "--store", Store);

        var unknown = Run("lineage", "no-such-file.h5", "--store", Store);
        var depth = Run("lineage", Dl2Run, "--depth", "0", "--store", Store);
        var svg = Run("lineage", Dl2Run, "--format", "svg", "--store", Store);

        unknown.Code.ShouldBe(ProvcapCommand.Failed);
        unknown.Error.Trim().ShouldStartWith("provcap: no file, entity or activity named 'no-such-file.h5'");
        unknown.Error.ShouldNotContain(" at ");
        depth.Error.ShouldContain("'0' is not a depth: expected a positive number or 'all'");
        svg.Error.Trim().ShouldBe("provcap: svg needs a file: give --output lineage.svg");
    }

    [Fact]
    public void Find_and_stats_answer_in_lines()
    {
        Run("ingest", night.LogPath, "--store", Store);

        var find = Run("find", "--run", "01618", "--activity", "dl1ab", "--store", Store);
        var page = Run("find", "--activity", "r0_to_dl1", "--limit", "2", "--store", Store);
        var files = Run("find", "--location", "*/DL2/*.h5", "--store", Store);
        var stats = Run("stats", "--store", Store);

        find.Output.Trim().Split('\n').Length.ShouldBe(4);
        find.Output.ShouldContain("3 of 3 match(es)");
        page.Output.ShouldContain("2 of 6 match(es); next page: --offset 2");
        files.Output.ShouldContain("8 of 8 match(es)");
        using var store = ProvenanceStore.Open(Store);
        stats.Output.ShouldContain($"1 documents, {store.Stats().Activities} activities");
        stats.Output.ShouldContain("night 2020-11-20");
    }
}
