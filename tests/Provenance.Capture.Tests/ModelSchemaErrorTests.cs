using Provenance.Capture.Model;

namespace Provenance.Capture.Tests;

/// <summary>Every way a model can break the schema is named, with the model file, the line and what was expected.</summary>
public sealed class ModelSchemaErrorTests
{
    private const string Entities = "entities:\n  F:\n    type: File\n";

    private static string Activity(string body) => "activities:\n  a:\n" + body;

    public static TheoryData<string, string> Broken => new()
    {
        { "- a\n- b\n", "the model must be a mapping with 'activities' and 'entities'" },
        { Entities, "the model has no 'activities' section" },
        { "activities: 3\n" + Entities, "'activities' must be a mapping of names to descriptions" },
        { "agents:\n  op: 3\n" + Activity("    description: x\n") + Entities, "agent 'op' must be a mapping with type, description, email" },
        { Activity("    description: x\n") + "entities:\n  F: 3\n", "entity 'F' must be a mapping" },
        { "activities:\n  a: 3\n" + Entities, "an activity must be a mapping with description, parameters, usage, gen" },
        { Activity("    agent: bob\n") + Entities, "agent 'bob' is not described in 'agents'" },
        { Activity("    context: [run]\n") + Entities, "'context' must map run, subrun, date to value expressions" },
        { Activity("    usage:\n      - role: in\n        entityName: F\n") + Entities, "role 'in' has no 'value' expression saying where the entity is" },
        { Activity("    usage:\n      - role: in\n        entityName: F\n        value: p\n        multiplicity: '2'\n") + Entities, "multiplicity '2' is not one of" },
        { Activity("    usage:\n      - role: in\n        entityName: F\n        value: [p]\n") + Entities, "a value expression must be a string" },
        { Activity("    usage:\n      - role: in\n        value: p\n") + Entities, "usage/generation is missing 'entityName'" },
        { Activity("    description: [x, y]\n") + Entities, "'description' must be a single value" },
        { Activity("    description: x\n") + "entities:\n  F:\n    type: File\n    copy: maybe\n", "'copy' must be true or false, not 'maybe'" },
        { "colour: red\n" + Activity("    description: x\n") + Entities, "unknown key 'colour' in the model; expected one of:" },
        { Activity("    usage:\n      - role: in\n        entityName: G\n        value: p\n") + Entities, "entityName 'G' is not described in 'entities'" },
        { Activity("    usage:\n      - role: in\n        entityName: F\n        value: p\n    generation:\n      - role: out\n        entityName: F\n        value: p\n        derivedFrom: [nope]\n") + Entities, "derivedFrom 'nope' is not the role of a usage" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_schema_error_names_the_model_and_what_was_expected(string yaml, string expected)
    {
        var error = Should.Throw<ProvenanceModelException>(() => ProvenanceModel.Parse(yaml, "models/broken.yaml"));

        error.Diagnostics.ShouldContain(d => d.Message.StartsWith(expected, StringComparison.Ordinal), string.Join("\n", error.Diagnostics));
        error.File.ShouldBe("models/broken.yaml");
        error.Diagnostics.ShouldAllBe(d => d.Severity == DiagnosticSeverity.Error && d.Line > 0);
    }
}
