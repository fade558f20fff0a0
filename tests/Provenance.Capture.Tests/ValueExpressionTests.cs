using Provenance.Capture.Model;

namespace Provenance.Capture.Tests;

/// <summary>How the model's value expressions are read: paths, templates, and every way they can be wrong.</summary>
public sealed class ValueExpressionTests
{
    [Theory]
    [InlineData("", "empty value expression")]
    [InlineData("   ", "empty value expression")]
    [InlineData("a b", "'a b' is neither a parameter path (name.Member) nor a template with {...}")]
    [InlineData("run-1", "'run-1' is neither a parameter path (name.Member) nor a template with {...}")]
    [InlineData("dl1/x}", "unmatched '}' at position 6 of 'dl1/x}'")]
    [InlineData("}", "unmatched '}' at position 1 of '}'")]
    [InlineData("out/{run", "'{' at position 5 of 'out/{run' is never closed")]
    [InlineData("{", "'{' at position 1 of '{' is never closed")]
    [InlineData("out/{1run}", "'{1run}' in 'out/{1run}' does not name a parameter path")]
    [InlineData("{a.}.h5", "'{a.}' in '{a.}.h5' does not name a parameter path")]
    public void A_malformed_expression_is_explained(string text, string message)
        => Should.Throw<FormatException>(() => ValueExpression.Parse(text, 7)).Message.ShouldBe(message);

    [Fact]
    public void A_template_keeps_literals_paths_formats_and_escaped_braces_in_order()
    {
        var expression = ValueExpression.Parse("{{literal}} {night.Dl1Directory}/dl1.Run{run:D5}.{subrun : D4}}}", 12);

        expression.Line.ShouldBe(12);
        expression.IsPath.ShouldBeFalse();
        expression.Parts.Select(p => (p.Literal, p.Path?.ToString(), p.Format)).ShouldBe(
        [
            ("{literal} ", null, null),
            (null, "night.Dl1Directory", null),
            ("/dl1.Run", null, null),
            (null, "run", "D5"),
            (".", null, null),
            (null, "subrun", " D4"),
            ("}", null, null),
        ]);
        expression.Paths.Select(p => p.ToString()).ShouldBe(["night.Dl1Directory", "run", "subrun"]);
        expression.ToString().ShouldBe("{{literal}} {night.Dl1Directory}/dl1.Run{run:D5}.{subrun : D4}}}");
    }

    [Fact]
    public void A_template_of_one_path_and_no_literal_is_one_part()
    {
        var expression = ValueExpression.Parse("{result.Dl1Path}", 1);

        expression.Parts.ShouldHaveSingleItem().Path!.ReadsResult.ShouldBeTrue();
        expression.IsPath.ShouldBeTrue();
    }

    [Theory]
    [InlineData("calibration", "calibration", 0)]
    [InlineData("calibration.PedestalFile", "calibration", 1)]
    [InlineData("_night.Run2.Subrun_3", "_night", 2)]
    public void A_member_path_is_a_root_and_its_members(string text, string root, int members)
    {
        MemberPath.TryParse(text, out var path).ShouldBeTrue();
        path.Root.ShouldBe(root);
        path.Members.Count.ShouldBe(members);
        path.ToString().ShouldBe(text);
        path.ReadsResult.ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData(".a")]
    [InlineData("a.")]
    [InlineData("a..b")]
    [InlineData("1a")]
    [InlineData("a.1b")]
    [InlineData("a-b")]
    [InlineData("a.b c")]
    [InlineData("é-x")]
    public void A_text_that_is_not_a_member_path_is_refused(string text)
        => MemberPath.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void A_path_expression_is_one_part_without_literal()
    {
        var expression = ValueExpression.Parse("  result.Dl1Path ", 4);

        var part = expression.Parts.ShouldHaveSingleItem();
        part.Literal.ShouldBeNull();
        part.Format.ShouldBeNull();
        part.Path!.ReadsResult.ShouldBeTrue();
        expression.IsPath.ShouldBeTrue();
        expression.Text.ShouldBe("  result.Dl1Path ");
    }

    [Theory]
    [InlineData(DiagnosticSeverity.Error, 12, "r0_to_dl1", "models/lst.yaml:12: error PCAP004: activity 'r0_to_dl1': no parameter 'x'")]
    [InlineData(DiagnosticSeverity.Warning, 12, "r0_to_dl1", "models/lst.yaml:12: warning PCAP004: activity 'r0_to_dl1': no parameter 'x'")]
    [InlineData(DiagnosticSeverity.Error, 0, "r0_to_dl1", "models/lst.yaml: error PCAP004: activity 'r0_to_dl1': no parameter 'x'")]
    [InlineData(DiagnosticSeverity.Error, 3, null, "models/lst.yaml:3: error PCAP004: no parameter 'x'")]
    public void A_diagnostic_is_one_line_naming_file_line_severity_id_and_activity(DiagnosticSeverity severity, int line, string? activity, string expected)
        => new ModelDiagnostic(DiagnosticIds.UnknownParameter, severity, "models/lst.yaml", line, activity, "x", "no parameter 'x'").ToString().ShouldBe(expected);
}
