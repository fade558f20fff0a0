using System.Text;
using Provenance.Capture.Prov.Validation;

namespace Provenance.Capture.Prov.Tests;

/// <summary>What the validator says of documents the product never writes, whole and member by member alike.</summary>
public sealed class ValidatorEdgeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-validator-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static List<string> Sorted(IEnumerable<ValidationProblem> problems) => [.. problems.Select(p => p.ToString()).Order(StringComparer.Ordinal)];

    [Fact]
    public void Both_ended_by_spellings_a_bundle_and_a_section_given_twice_are_read_alike_whole_and_in_parts()
    {
        var path = WriteFile("awkward.json", """
            {
              "prefix": {"ex": "urn:ex:", "ent": "urn:x:ent:", "act": "urn:x:act:"},
              "bundle": {"ex:b1": {"prefix": {"bx": "urn:bx:"}, "entity": {"bx:inner": {}}, "activity": {"bx:run": {}}}},
              "activity": {"act:a": {"prov:startTime": "2020-01-01T00:00:00Z", "prov:endTime": "2020-01-01T01:00:00Z"}},
              "entity": {"ent:e": {}, "_:blank": {"prov:type": "ex:thing"}},
              "used": {"_:u1": {"prov:activity": "act:a", "prov:entity": "bx:inner"}},
              "wasEndedBy": {"_:w1": {"prov:activity": "act:a", "prov:trigger": "ent:e"}},
              "wasEndedby": {"_:w2": {"prov:activity": "act:a"}},
              "wasEndedBy": {"_:w3": {"prov:activity": "act:a"}}
            }
            """);

        var whole = ProvValidator.Validate(File.ReadAllText(path));
        var parts = ProvValidator.ValidateInParts(path);

        Sorted(parts).ShouldBe(Sorted(whole));
        ProvValidator.IsValid(whole).ShouldBeTrue(string.Join("\n", whole));
        parts.Where(p => p.Rule == "spelling").Select(p => p.Path).Order(StringComparer.Ordinal).ShouldBe(["#/wasEndedBy", "#/wasEndedby"]);
        parts.ShouldNotContain(p => p.Rule == "dangling" && p.Message.Contains("bx:inner"), "an element of a bundle is declared for the whole document");
        parts.ShouldNotContain(p => p.Rule == "schema");
        parts.ShouldNotContain(p => p.Rule == "prefix", "prov is always declared, a blank node (_:) needs no prefix, bx is the bundle's");
    }

    [Fact]
    public void Times_inside_a_bundle_are_checked_and_a_time_without_a_zone_is_a_time()
    {
        var path = WriteFile("bundle-times.json", """
            {
              "prefix": {"ex": "urn:ex:", "act": "urn:x:act:"},
              "activity": {"act:local": {"prov:startTime": "2020-01-01T00:00:00"}},
              "bundle": {"ex:b1": {"activity": {"act:inner": {"prov:startTime": "the first night"}}}}
            }
            """);

        var whole = ProvValidator.Validate(File.ReadAllText(path));

        Sorted(ProvValidator.ValidateInParts(path)).ShouldBe(Sorted(whole));
        whole.Where(p => p.Rule == "datetime").Select(p => p.Path).ShouldBe(["act:inner"], "xsd:dateTime's zone is optional: 2020-01-01T00:00:00 is a time");
    }

    [Fact]
    public void A_member_larger_than_a_batch_is_checked_whole_in_parts()
    {
        var label = new string('x', 600 * 1024);
        var path = WriteFile("large-member.json", """
            {
              "prefix": {"ent": "urn:x:ent:", "act": "urn:x:act:"},
              "entity": {"ent:small": {}, "ent:large": {"prov:label": "LABEL"}, "ent:after": {}},
              "activity": {"act:a": {"prov:startTime": "yesterday"}}
            }
            """.Replace("LABEL", label, StringComparison.Ordinal));

        var parts = ProvValidator.ValidateInParts(path);

        Sorted(parts).ShouldBe(Sorted(ProvValidator.Validate(File.ReadAllText(path))));
        parts.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            p => p.Rule.ShouldBe("datetime"),
            p => p.Path.ShouldBe("act:a"));
    }

    [Fact]
    public void A_document_that_is_no_object_is_said_to_be_so_in_parts()
    {
        var path = WriteFile("array.json", "[{\"entity\": {}}]");

        ProvValidator.ValidateInParts(path).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            p => p.Rule.ShouldBe("json"),
            p => p.Message.ShouldBe("a PROV-JSON document is a JSON object"));
        ProvValidator.IsValid(ProvValidator.Validate(File.ReadAllText(path))).ShouldBeFalse();
    }

    [Fact]
    public void Broken_json_is_placed_at_its_line_whole_and_near_its_byte_in_parts()
    {
        var small = "{\n  \"entity\": {\n    \"ent:a\": {,\n  }\n}\n";
        ProvValidator.Validate(small).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            p => p.Rule.ShouldBe("json"),
            p => p.Path.ShouldBe("line 3"));

        // Past the parts reader's first buffer, so that its count of bytes read before matters.
        var text = new StringBuilder("{\n  \"prefix\": {\"ent\": \"urn:x:ent:\"},\n  \"entity\": {\n");
        for (var i = 0; i < 25_000; i++)
        {
            text.Append(Invariant($"    \"ent:file{i:D5}\": {{\"prov:label\": \"file number {i}\"}},\n"));
        }

        var broken = Encoding.UTF8.GetByteCount(text.ToString());
        text.Append("    \"ent:broken\": {\"prov:label\": ]\n  }\n}\n");
        broken.ShouldBeGreaterThan(JsonSections.BufferBytes + (128 * 1024));
        var path = WriteFile("broken-late.json", text.ToString());

        var problem = ProvValidator.ValidateInParts(path).ShouldHaveSingleItem();
        problem.Rule.ShouldBe("json");
        problem.Message.ShouldStartWith("not valid JSON near byte ");
        var at = long.Parse(problem.Message["not valid JSON near byte ".Length..problem.Message.IndexOf(':', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        at.ShouldBeInRange(broken - 128, broken + 40, problem.Message);
    }

    [Fact]
    public void A_member_larger_than_the_read_buffer_is_read_whole_and_a_document_cut_after_it_is_said_to_end_early()
    {
        var label = new string('x', JsonSections.BufferBytes + (JsonSections.BufferBytes / 2));
        var document = """
            {
              "prefix": {"ent": "urn:x:ent:", "act": "urn:x:act:"},
              "entity": {"ent:small": {}, "ent:large": {"prov:label": "LABEL"}, "ent:after": {}},
              "activity": {"act:a": {"prov:startTime": "yesterday"}}
            }
            """.Replace("LABEL", label, StringComparison.Ordinal);
        var path = WriteFile("larger-than-the-buffer.json", document);

        var members = new List<(string Section, string? Member, int Bytes)>();
        using (var stream = File.OpenRead(path))
        {
            JsonSections.Walk(stream, _ => { }, (section, member, json) => members.Add((section, member, json.Length))).ShouldBeNull();
        }

        members.ShouldBe([("prefix", "ent", 12), ("prefix", "act", 12), ("entity", "ent:small", 2), ("entity", "ent:large", label.Length + 18), ("entity", "ent:after", 2), ("activity", "act:a", 31)]);
        ProvValidator.ValidateInParts(path).ShouldHaveSingleItem().Path.ShouldBe("act:a");

        // Cut where the reader has moved its buffer on: the byte it names is the end of the file.
        var cut = document[..document.IndexOf(",\n  \"activity\"", StringComparison.Ordinal)];
        var cutPath = WriteFile("cut.json", cut);
        var bytes = new FileInfo(cutPath).Length;
        using (var stream = File.OpenRead(cutPath))
        {
            JsonSections.Walk(stream, _ => { }, (_, _, _) => { }).ShouldStartWith($"not valid JSON near byte {bytes}: Expected depth to be zero");
        }

        ProvValidator.ValidateInParts(cutPath).ShouldHaveSingleItem().Message.ShouldStartWith($"not valid JSON near byte {bytes}: ");
    }

    [Fact]
    public void Findings_of_a_generation_come_in_the_same_order_whole_and_in_parts()
    {
        // The second generation of ent:e names an undeclared activity: its dangling finding comes first, then
        // the generation found twice; in parts the uniqueness check is made as the batches' findings come back.
        var path = WriteFile("generated-twice.json", """
            {
              "prefix": {"ent": "urn:x:ent:", "act": "urn:x:act:"},
              "entity": {"ent:e": {}},
              "activity": {"act:a": {}},
              "wasGeneratedBy": {"_:g1": {"prov:entity": "ent:e", "prov:activity": "act:a"}, "_:g2": {"prov:entity": "ent:e", "prov:activity": "act:gone"}}
            }
            """);

        var whole = ProvValidator.Validate(File.ReadAllText(path)).Select(p => (p.Rule, p.Path)).ToList();

        whole.ShouldBe([("dangling", "wasGeneratedBy"), ("generation", "ent:e")]);
        ProvValidator.ValidateInParts(path).Select(p => (p.Rule, p.Path)).ShouldBe(whole);
    }

    [Fact]
    public void An_element_s_end_is_checked_as_a_time_and_against_its_start_whole_and_in_parts()
    {
        var path = WriteFile("ends.json", """
            {
              "prefix": {"act": "urn:x:act:"},
              "activity": {
                "act:no-time": {"prov:startTime": "2020-11-20T22:00:00Z", "prov:endTime": "2020-13-45T00:00:00Z"},
                "act:backwards": {"prov:startTime": "2020-11-20T22:00:00Z", "prov:endTime": "2020-11-20T21:59:59Z"}
              }
            }
            """);

        var parts = ProvValidator.ValidateInParts(path);

        parts.Select(p => (p.Rule, p.Path)).ShouldBe([("datetime", "act:no-time"), ("time", "act:backwards")]);
        parts[0].Message.ShouldStartWith("prov:endTime '2020-13-45T00:00:00Z' is not an xsd:dateTime");
        Sorted(parts).ShouldBe(Sorted(ProvValidator.Validate(File.ReadAllText(path))));
    }

    [Fact]
    public void A_section_that_is_no_object_is_placed_at_its_section_whole_and_in_parts()
    {
        var path = WriteFile("section-no-object.json", """{"prefix": {"ent": "urn:x:ent:"}, "entity": 5}""");

        var whole = ProvValidator.Validate(File.ReadAllText(path));

        ProvValidator.ValidateInParts(path).Select(p => p.ToString()).ShouldBe(whole.Select(p => p.ToString()));
        whole.Select(p => p.ToString()).ShouldBe(["error: schema: #/entity: ObjectExpected (entity)"]);
    }

    [Fact]
    public void A_number_the_schema_checker_cannot_read_is_a_finding_at_the_document_whole_and_at_its_section_in_parts()
    {
        var path = WriteFile("huge-number.json", """{"prefix": {"ent": "urn:x:ent:"}, "entity": {"ent:big": {"ent:n": 99999999999999999999999}}}""");

        var whole = ProvValidator.Validate(File.ReadAllText(path)).ShouldHaveSingleItem();
        var parts = ProvValidator.ValidateInParts(path).ShouldHaveSingleItem();

        (whole.Rule, whole.Path, parts.Rule, parts.Path).ShouldBe(("schema", "#", "schema", "#/entity"));
        whole.Message.ShouldStartWith("cannot be checked against the PROV-JSON schema: ");
        parts.Message.ShouldBe(whole.Message);
    }

    [Fact]
    public void A_name_with_an_empty_prefix_is_in_the_default_namespace_and_needs_no_declaration()
    {
        var path = WriteFile("default-namespace.json", """{"prefix": {"default": "urn:x:"}, "entity": {":local": {":size": 5}, "other:e": {}}}""");

        foreach (var problems in new[] { ProvValidator.Validate(File.ReadAllText(path)), ProvValidator.ValidateInParts(path) })
        {
            problems.Where(p => p.Rule == "prefix").Select(p => p.Message).ShouldBe(["prefix 'other' of 'other:e' is not declared"]);
        }
    }

    [Fact]
    public void A_value_of_no_shape_the_schema_allows_is_told_with_each_shape_s_own_finding()
    {
        var path = WriteFile("value-of-no-shape.json", """{"prefix": {"ent": "urn:x:ent:"}, "entity": {"ent:t": {"ent:v": {"$": 5}}}}""");

        var whole = ProvValidator.Validate(File.ReadAllText(path));

        // The value is none of the shapes the schema allows (its anyOf): each shape's own finding is told, once.
        whole.Select(p => p.ToString()).ShouldBe(
            [
                "error: schema: #/entity.ent:t: AdditionalPropertiesNotValid (ent:t)",
                "error: schema: #/entity.ent:t.ent:v: AdditionalPropertiesNotValid (ent:v)",
                "error: schema: #/entity.ent:t.ent:v: NotAnyOf ()",
                "error: schema: #/entity.ent:t.ent:v: StringExpected ()",
                "error: schema: #/entity.ent:t.ent:v: NumberExpected ()",
                "error: schema: #/entity.ent:t.ent:v: BooleanExpected ()",
                "error: schema: #/entity.ent:t.ent:v.$: StringExpected ($)",
                "error: schema: #/entity.ent:t.ent:v: ArrayExpected ()",
            ]);
        ProvValidator.ValidateInParts(path).Select(p => p.ToString()).ShouldBe(whole.Select(p => p.ToString()));
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
