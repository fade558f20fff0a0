using System.Globalization;
using System.Text;
using Provenance.Capture.Model;

namespace Provenance.Capture.Tests;

/// <summary>A model built to crash or exhaust the reader is refused with a plain error: no stack overflow, no runaway memory.</summary>
public sealed class HostileModelTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-hostile-model-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ProvenanceModelException Refused(string yaml)
    {
        var path = Path.Combine(_directory, "hostile.yaml");
        File.WriteAllText(path, yaml);
        var error = Should.Throw<ProvenanceModelException>(() => ProvenanceModel.Load(path));
        error.File.ShouldBe(path);
        return error;
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    public void A_model_nested_thirty_thousand_levels_deep_is_refused_at_the_documented_depth(string open, string close)
    {
        var yaml = "activities:\n  a:\n    description: " + string.Concat(Enumerable.Repeat(open, 30_000)) + "x" + string.Concat(Enumerable.Repeat(close, 30_000)) + "\n";

        var error = Refused(yaml);

        error.Diagnostics.ShouldHaveSingleItem().Message.ShouldBe($"nested deeper than {64} levels (a model needs a few)");
        error.Diagnostics[0].Line.ShouldBe(3);
    }

    [Fact]
    public void An_alias_bomb_is_refused_before_it_is_expanded()
    {
        var yaml = new StringBuilder("bomb0: &b0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level < 12; level++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"bomb{level}: &b{level} [{string.Join(", ", Enumerable.Repeat($"*b{level - 1}", 10))}]\n");
        }

        var error = Refused(yaml + "activities:\n  a:\n    description: *b11\n");

        error.Diagnostics.ShouldHaveSingleItem().Message.ShouldContain("once its aliases are expanded (an alias bomb?)");
    }

    [Fact]
    public void Aliases_that_expand_to_a_modest_size_are_read_as_usual()
    {
        var model = ProvenanceModel.Parse(
            "entities:\n  F: &file\n    type: File\n  G: *file\nactivities:\n  a:\n    description: x\n",
            "models/aliases.yaml");

        model.Entities.Keys.ShouldBe(["F", "G"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("activities:\n  ? [a, b]\n  : {description: x}\n", "the names in 'activities' must be plain text, not a mapping or a list")]
    [InlineData("activities:\n  a:\n    ? {x: 1}\n    : y\n", "a key in activity 'a' must be plain text")]
    [InlineData("activities:\n  a:\n    context:\n      ? [run]\n      : x\n", "a key in context must be plain text")]
    public void A_mapping_or_list_used_as_a_key_is_a_schema_error_with_its_line(string yaml, string expected)
    {
        var error = Refused(yaml + "entities:\n  F:\n    type: File\n");

        error.Diagnostics.ShouldContain(d => d.Message.StartsWith(expected, StringComparison.Ordinal) && d.Line > 1, string.Join("\n", error.Diagnostics));
    }

    // Inputs afl++ found (tests/Fuzz): YamlDotNet threw InvalidOperationException or ArgumentException
    // (a plain scalar cut by a control character, a global tag that is no URI, an escape outside Unicode,
    // an event it does not expect), or overflowed the stack comparing an alias to an undefined anchor.
    [Theory]
    [InlineData("finding1.yaml")]
    [InlineData("finding2.yaml")]
    [InlineData("finding3.yaml")]
    [InlineData("finding4.yaml")]
    [InlineData("finding5.yaml")]
    [InlineData("finding6.yaml")]
    public void Models_found_by_fuzzing_are_refused_as_bad_yaml_with_a_line(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Models", "fuzz", name);

        var error = Should.Throw<ProvenanceModelException>(() => ProvenanceModel.Load(path));

        error.File.ShouldBe(path);
        error.Diagnostics.ShouldAllBe(d => d.Line > 0);
        error.Diagnostics.ShouldContain(d => d.Id == DiagnosticIds.YamlSyntax || d.Id == DiagnosticIds.Schema);
    }

    [Theory]
    [InlineData("a: &x {b: *x}\n", "alias '*x' is inside the node it names: a model cannot be recursive")]
    [InlineData("a: *nowhere\n", "alias '*nowhere' names no anchor defined before it")]
    public void Recursive_and_dangling_aliases_are_refused(string yaml, string expected)
        => Refused(yaml).Diagnostics.ShouldHaveSingleItem().Message.ShouldBe(expected);
}
