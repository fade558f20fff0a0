using Provenance.Capture.Cli;
using Provenance.Capture.Prov.Readers;

namespace Provenance.Capture.Prov.Tests;

public sealed class CliTests(NightFixture night) : IClassFixture<NightFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = ProvcapCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Merge_at_run_granularity_then_validate_and_graph()
    {
        var json = Path.Combine(_directory, "run01618.prov.json");
        var pattern = Path.Combine(Path.GetDirectoryName(night.Real.LogPath)!, "*.log");
        var merge = Run("merge", pattern, "--granularity", "run", "--run", "01618", "-o", json);
        merge.Code.ShouldBe(ProvcapCommand.Ok, merge.Error);
        merge.Output.ShouldContain("6 activities");
        ProvJsonReader.Read(json).Activities.Count.ShouldBe(6);

        Run("validate", json).Code.ShouldBe(ProvcapCommand.Ok);
        var dot = Path.Combine(_directory, "run.dot");
        Run("graph", json, "-o", dot).Code.ShouldBe(ProvcapCommand.Ok);
        File.ReadAllText(dot).ShouldStartWith("digraph provenance");
    }

    [Fact]
    public void Compact_prov_json_holds_the_same_document_in_fewer_bytes()
    {
        var indented = Path.Combine(_directory, "night.prov.json");
        var compact = Path.Combine(_directory, "night.compact.prov.json");
        Run("merge", night.Real.LogPath, "-o", indented).Code.ShouldBe(ProvcapCommand.Ok);
        Run("merge", night.Real.LogPath, "--compact", "-o", compact).Code.ShouldBe(ProvcapCommand.Ok);

        File.ReadAllLines(compact).Length.ShouldBe(1);
        new FileInfo(compact).Length.ShouldBeLessThan(new FileInfo(indented).Length * 9 / 10);
        Writers.ProvJsonWriter.ToJson(ProvJsonReader.Read(compact)).ShouldBe(Writers.ProvJsonWriter.ToJson(ProvJsonReader.Read(indented)));
        Run("validate", compact).Code.ShouldBe(ProvcapCommand.Ok);
    }

    [Fact]
    public void Merge_to_prov_n_for_one_subrun()
    {
        var provn = Path.Combine(_directory, "sub.provn");
        var result = Run("merge", night.Real.LogPath, "-g", "subrun", "--run", "1618", "--subrun", "0001", "--format", "provn", "-o", provn);
        result.Code.ShouldBe(ProvcapCommand.Ok, result.Error);
        var text = File.ReadAllText(provn);
        text.ShouldStartWith("document");
        text.Split('\n').Count(l => l.TrimStart().StartsWith("activity(", StringComparison.Ordinal)).ShouldBe(5);
    }

    [Fact]
    public void Skipped_lines_are_named_and_change_the_exit_code()
    {
        var log = Path.Combine(_directory, "cut.log");
        File.WriteAllText(log, File.ReadAllText(night.Real.LogPath) + "{\"prov_kind\":\"activity_start\",\"activity_");
        var result = Run("merge", log, "-o", Path.Combine(_directory, "out.json"));
        result.Code.ShouldBe(ProvcapCommand.Skipped);
        result.Error.ShouldContain($"{log}:{File.ReadAllLines(log).Length}:");
    }

    [Theory]
    [InlineData("merge", "no-such-file.log", "-o", "x.json")]
    [InlineData("merge", "logs/*.nothing", "-o", "x.json")]
    [InlineData("graph", "missing.prov.json", "-o", "x.svg")]
    [InlineData("validate", "missing.prov.json")]
    public void User_mistakes_get_one_line_and_no_stack_trace(params string[] args)
    {
        var result = Run(args);
        result.Code.ShouldBe(ProvcapCommand.Failed);
        result.Error.Trim().Split('\n').ShouldHaveSingleItem().ShouldStartWith("provcap: ");
        result.Error.ShouldNotContain("   at ");
    }

    [Theory]
    [InlineData("provcap: 'weekly' is not a granularity: expected subrun, run, night", "merge", "x.log", "--granularity", "weekly", "-o", "x.json")]
    [InlineData("provcap: 'xml' is not a format: expected json, provn, dot, svg, pdf", "merge", "x.log", "-f", "xml", "-o", "x.json")]
    [InlineData("provcap: unknown option '--frobnicate' for 'provcap merge'", "merge", "--frobnicate", "x.log", "-o", "x.json")]
    [InlineData("provcap: unknown option '--strictly' for 'provcap validate'", "validate", "--strictly", "x.json")]
    public void Wrong_arguments_are_explained_in_one_line_with_where_to_look(string expected, params string[] args)
    {
        var result = Run(args);

        result.Code.ShouldBe(ProvcapCommand.Failed);
        result.Error.Trim().Split('\n').ShouldBe([expected, $"provcap: see 'provcap {args[0]} --help'"]);
        result.Output.ShouldBeEmpty("no help text dumped");
    }

    [Fact]
    public void A_net_parameter_name_never_leaks_into_a_message()
    {
        var result = Run("merge", night.Real.LogPath, "-o", "");

        result.Code.ShouldBe(ProvcapCommand.Failed);
        result.Error.ShouldStartWith("provcap: ");
        result.Error.ShouldNotContain("(Parameter");
    }

    [Fact]
    public void A_filter_that_selects_nothing_is_a_warning_with_its_own_exit_code()
    {
        var output = Path.Combine(_directory, "nothing.prov.json");

        var result = Run("merge", night.Real.LogPath, "--run", "09999", "-o", output);

        result.Code.ShouldBe(ProvcapCommand.NothingSelected);
        result.Error.Trim().ShouldStartWith("provcap: warning: --run 09999 selected no activity of the ");
        File.Exists(output).ShouldBeTrue("the (empty) document is still written");
    }

    [Fact]
    public void A_prov_json_document_given_to_merge_gets_a_one_line_hint_naming_the_right_verbs()
    {
        var document = Path.Combine(_directory, "run.prov.json");
        Run("merge", night.Real.LogPath, "-o", document).Code.ShouldBe(ProvcapCommand.Ok);

        var result = Run("merge", document, "-o", Path.Combine(_directory, "again.prov.json"));

        result.Code.ShouldBe(ProvcapCommand.Failed);
        result.Error.Trim().Split('\n').ShouldHaveSingleItem()
            .ShouldBe($"provcap: '{document}' is a PROV-JSON document, not a log: draw it with 'provcap graph {document} -o graph.svg', check it with 'provcap validate {document}'");
        File.Exists(Path.Combine(_directory, "again.prov.json")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("graph", "-o", "x.svg")]
    [InlineData("validate")]
    public void A_log_given_where_a_document_is_expected_gets_a_one_line_hint_to_merge_it(string verb, params string[] rest)
    {
        var result = Run([verb, night.Real.LogPath, .. rest]);

        result.Code.ShouldBe(ProvcapCommand.Failed);
        result.Error.Trim().Split('\n').ShouldHaveSingleItem()
            .ShouldStartWith($"provcap: '{night.Real.LogPath}' is a provenance log, not a PROV-JSON document: merge it first ('provcap merge ");
    }

    [Fact]
    public void A_time_that_is_not_iso_8601_is_explained()
    {
        var result = Run("merge", night.Real.LogPath, "--from", "yesterday", "-o", Path.Combine(_directory, "out.json"));
        result.Code.ShouldNotBe(ProvcapCommand.Ok);
        result.Error.ShouldContain("'yesterday' is not a time: expected ISO 8601");
    }

    [Fact]
    public void Unknown_output_extension_is_a_clear_error()
    {
        var result = Run("merge", night.Real.LogPath, "-o", Path.Combine(_directory, "out.xyz"));
        result.Code.ShouldBe(ProvcapCommand.Failed);
        result.Error.ShouldContain("expected .json, .provn, .dot, .svg or .pdf");
    }

    [Fact]
    public void Validate_warns_of_undeclared_ids_and_fails_on_them_only_when_strict()
    {
        var path = Path.Combine(_directory, "dangling.prov.json");
        File.WriteAllText(path, """{"prefix": {"ent": "urn:x:"}, "used": {"_:u": {"prov:activity": "act:none", "prov:entity": "ent:none"}}}""");

        var relaxed = Run("validate", path);
        var strict = Run("validate", "--strict", path);

        relaxed.Code.ShouldBe(ProvcapCommand.Ok);
        relaxed.Error.ShouldContain($"{path}: warning: dangling: used: 'act:none' is not a declared activity");
        relaxed.Output.ShouldContain("valid PROV-JSON (");
        strict.Code.ShouldBe(ProvcapCommand.Skipped);
        strict.Error.ShouldContain($"{path}: error: dangling: used: 'act:none'");
    }

    [Fact]
    public void Validate_exits_with_the_invalid_code_on_a_schema_error()
    {
        var path = Path.Combine(_directory, "broken.prov.json");
        File.WriteAllText(path, """{"entity": {"ent:a": {"prov:label": {"type": "xsd:string"}}}, "junk": 1}""");

        var result = Run("validate", path);

        result.Code.ShouldBe(ProvcapCommand.Skipped);
        result.Error.ShouldContain("error: schema: #/junk");
    }

    [Fact]
    public void To_keeps_only_activities_started_before_it()
    {
        var all = Path.Combine(_directory, "all.json");
        var early = Path.Combine(_directory, "early.json");
        Run("merge", night.Real.LogPath, "-o", all).Code.ShouldBe(ProvcapCommand.Ok);
        var starts = ProvJsonReader.Read(all).Activities.Values.Select(a => a.StartTime!.Value).Order().ToList();
        var cut = starts[starts.Count / 2];

        var result = Run("merge", night.Real.LogPath, "--to", cut.ToString("O", System.Globalization.CultureInfo.InvariantCulture), "-o", early);

        result.Code.ShouldBe(ProvcapCommand.Ok, result.Error);
        var kept = ProvJsonReader.Read(early).Activities.Values.ToList();
        kept.Count.ShouldBe(starts.Count(s => s < cut));
        kept.ShouldAllBe(a => a.StartTime < cut);
    }

    [Fact]
    public void Help_lists_the_verbs()
    {
        var result = Run("--help");
        result.Code.ShouldBe(0);
        result.Output.ShouldContain("merge");
        result.Output.ShouldContain("graph");
        result.Output.ShouldContain("validate");
    }
}
