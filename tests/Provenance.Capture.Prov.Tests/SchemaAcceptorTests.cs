using System.Text;
using System.Text.Json;
using Provenance.Capture.Prov.Merge;
using Provenance.Capture.Prov.Validation;
using Provenance.Capture.Prov.Writers;

namespace Provenance.Capture.Prov.Tests;

/// <summary>
/// The hand-written schema rule that lets a large document's certainly-valid members skip NJsonSchema
/// accepts nothing NJsonSchema finds fault with, and does accept the members of the product's documents.
/// </summary>
public sealed class SchemaAcceptorTests(NightFixture night) : IClassFixture<NightFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-acceptor-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // Members at the edges of the schema, valid and not.
    public static TheoryData<string, string> Edges =>
    [
        ("entity", """{"prov:label": "x", "ex:n": 5, "ex:f": 1.5, "ex:b": true, "ex:t": {"$": "5", "type": "xsd:int"}, "ex:l": {"$": "chat", "lang": "fr"}, "ex:a": ["a", 1, false, {"$": "x"}]}"""),
        ("entity", """{}"""),
        ("entity", """{"ex:n": null}"""),
        ("entity", """{"ex:a": []}"""),
        ("entity", """{"ex:a": [[1]]}"""),
        ("entity", """{"ex:a": [null]}"""),
        ("entity", """{"ex:t": {"type": "xsd:int"}}"""),
        ("entity", """{"ex:t": {"$": "5", "type": "xsd:int", "extra": 1}}"""),
        ("entity", """{"ex:t": {"$": 5}}"""),
        ("entity", """{"ex:t": {"$": "5", "type": "not a uri"}}"""),
        ("entity", """{"ex:t": {"$": "5", "type": "2020-11-20T22:00:00Z"}}"""),
        ("entity", """{"ex:t": {"$": "5", "$": "6"}}"""),
        ("entity", """{"ex:n": 99999999999999999999999}"""),
        ("entity", """{"ex:n": 1e400}"""),
        ("entity", """{"ex:n": 1e5, "ex:m": -0.0}"""),
        ("entity", """{"ex:s": "\ud800"}"""),
        ("entity", """{"ex:s": "a", "ex:s": 1}"""),
        ("entity", """{"ex:o": {"nested": {"deep": 1}}}"""),
        ("entity", "5"),
        ("entity", "[]"),
        ("activity", """{"prov:startTime": "2020-11-20T22:00:00Z", "prov:endTime": "yesterday", "prov:type": {"$": "ex:t", "type": "xsd:QName"}}"""),
        ("activity", """{"prov:startTime": 5}"""),
        ("agent", """{"prov:type": {"$": "prov:Person", "type": "xsd:QName"}}"""),
        ("used", """{"prov:entity": "ent:a", "prov:activity": "act:b", "prov:time": "2020-11-20T22:00:00.123+01:00", "prov:role": "R0"}"""),
        ("used", """{"prov:activity": "act:b"}"""),
        ("used", """{"prov:entity": "_:b1"}"""),
        ("used", """{"prov:entity": "/data/file.h5"}"""),
        ("used", """{"prov:entity": "2020-11-20T22:00:00Z"}"""),
        ("used", """{"prov:entity": 7}"""),
        ("used", """{"prov:entity": "ent:a", "prov:time": "2020-11-20"}"""),
        ("used", """{"prov:entity": "ent:a", "prov:time": "2020-11-20T22:00:00"}"""),
        ("used", """{"prov:entity": "ent:a", "prov:time": "yesterday"}"""),
        ("wasGeneratedBy", """{"prov:entity": "ent:a", "prov:activity": "act:b"}"""),
        ("wasDerivedFrom", """{"prov:generatedEntity": "ent:a", "prov:usedEntity": "ent:b", "prov:activity": "act:c"}"""),
        ("wasDerivedFrom", """{"prov:generatedEntity": "ent:a"}"""),
        ("wasInformedBy", """{"prov:informant": "act:a", "prov:informed": "act:b"}"""),
        ("wasStartedBy", """{"prov:activity": "act:a", "prov:trigger": "ent:t", "prov:time": "2020-11-20T22:00:00Z"}"""),
        ("wasEndedBy", """{"prov:activity": "act:a"}"""),
        ("wasEndedby", """{"prov:trigger": "ent:t"}"""),
        ("wasInvalidatedBy", """{"prov:entity": "ent:a"}"""),
        ("wasAttributedTo", """{"prov:entity": "ent:a", "prov:agent": "ag:b"}"""),
        ("wasAssociatedWith", """{"prov:activity": "act:a", "prov:agent": "ag:b", "prov:plan": "ent:p"}"""),
        ("actedOnBehalfOf", """{"prov:delegate": "ag:a", "prov:responsible": "ag:b"}"""),
        ("wasInfluencedBy", """{"prov:influencer": "ent:a", "prov:influencee": "ent:b"}"""),
        ("specializationOf", """{"prov:generalEntity": "ent:a", "prov:specificEntity": "ent:b"}"""),
        ("alternateOf", """{"prov:alternate1": "ent:a"}"""),
        ("hadMember", """{"prov:collection": "ent:c", "prov:entity": "ent:a", "ex:n": [1]}"""),
        ("prefix", "\"urn:x:\""),
        ("bundle", """{"entity": {}}"""),
    ];

    [Theory]
    [MemberData(nameof(Edges))]
    public void A_member_the_acceptor_takes_has_no_finding_of_njsonschema(string section, string value)
    {
        if (SchemaAcceptor.Accepts(section, "ex:member", Encoding.UTF8.GetBytes(value)))
        {
            ProvValidator.SchemaFindings(section, "ex:member", value).ShouldBeEmpty();
        }
    }

    // Members the schema refuses, each with where NJsonSchema says the fault is.
    [Theory]
    [InlineData("entity", "5", "#/entity.ex:member")]
    [InlineData("entity", """{"ex:t": {"$": 5}}""", "#/entity.ex:member.ex:t")]
    [InlineData("used", """{"prov:entity": 7}""", "#/used.ex:member.prov:entity")]
    public void A_member_the_schema_refuses_is_declined_and_njsonschema_says_where_in_the_document(string section, string value, string path)
    {
        SchemaAcceptor.Accepts(section, "ex:member", Encoding.UTF8.GetBytes(value)).ShouldBeFalse();
        var findings = ProvValidator.SchemaFindings(section, "ex:member", value);
        findings.ShouldNotBeEmpty();
        findings.ShouldAllBe(f => f.Rule == "schema");
        findings.Select(f => f.Path).ShouldContain(path, string.Join("\n", findings));
    }

    [Theory]
    [InlineData("ent", "\"urn:x:ent:\"", true)]
    [InlineData("provcap-2_x", "\"https://example.org/provcap#\"", true)]
    [InlineData("bad name", "\"urn:x:\"", false)]
    [InlineData("ent", "5", false)]
    [InlineData("ent", "\"/data/x\"", false)]
    [InlineData("ent", "\"2020-11-20T22:00:00Z\"", false)]
    [InlineData("ent", "\"no uri\"", false)]
    public void A_prefix_is_taken_only_when_named_as_the_schema_says_and_bound_to_an_absolute_uri(string name, string value, bool taken)
    {
        SchemaAcceptor.Accepts("prefix", name, Encoding.UTF8.GetBytes(value)).ShouldBe(taken);
        if (taken)
        {
            ProvValidator.SchemaFindings("prefix", name, value).ShouldBeEmpty();
        }
    }

    [Fact]
    public void Of_thousands_of_members_of_random_shapes_the_acceptor_takes_none_njsonschema_finds_fault_with()
    {
        // Values near every rule's edge: strings that are URIs, times or neither, numbers in and out of 64 bits,
        // typed literals with and without their parts, arrays empty, nested or mixed.
        string[] values =
        [
            "\"ent:a\"", "\"urn:x:y\"", "\"/data/f.h5\"", "\"2020-11-20T22:00:00Z\"", "\"2020-11-20 22:00:00+01:00\"", "\"2020-11-20\"",
            "\"yesterday\"", "\"\"", "5", "-1.5e3", "1e400", "99999999999999999999999", "true", "null", "{}", "[]", "[1]", "[[1]]", "[null]",
            "[\"a\", 2, {\"$\": \"x\"}]", "{\"$\": \"5\", \"type\": \"xsd:int\"}", "{\"$\": \"5\"}", "{\"$\": 5}", "{\"type\": \"xsd:int\"}",
            "{\"$\": \"x\", \"lang\": \"fr\"}", "{\"$\": \"x\", \"type\": \"no uri\"}", "{\"$\": \"x\", \"extra\": \"y\"}", "{\"$\": \"x\", \"lang\": 5}",
        ];
        string[] names =
        [
            "prov:entity", "prov:activity", "prov:time", "prov:agent", "prov:informant", "prov:informed", "prov:trigger", "prov:generatedEntity",
            "prov:usedEntity", "prov:collection", "prov:plan", "prov:delegate", "prov:responsible", "prov:alternate1", "prov:alternate2",
            "prov:generalEntity", "prov:specificEntity", "prov:influencer", "prov:influencee", "prov:label", "prov:type", "ex:n",
        ];
        string[] sections =
        [
            "entity", "activity", "agent", "used", "wasGeneratedBy", "wasInformedBy", "wasStartedBy", "wasEndedBy", "wasEndedby",
            "wasInvalidatedBy", "wasDerivedFrom", "wasAttributedTo", "wasAssociatedWith", "actedOnBehalfOf", "wasInfluencedBy",
            "specializationOf", "alternateOf", "hadMember",
        ];
        var random = new Random(20201120);
        var iterations = MutationTesting.Active ? 400 : 3000;
        var accepted = 0;
        for (var i = 0; i < iterations; i++)
        {
            var section = sections[random.Next(sections.Length)];
            var members = Enumerable.Range(0, random.Next(4)).Select(_ => $"\"{names[random.Next(names.Length)]}\": {values[random.Next(values.Length)]}");
            var value = "{" + string.Join(", ", members) + "}";
            if (SchemaAcceptor.Accepts(section, "ex:member", Encoding.UTF8.GetBytes(value)))
            {
                accepted++;
                ProvValidator.SchemaFindings(section, "ex:member", value).ShouldBeEmpty($"{section}: {value}");
            }
        }

        accepted.ShouldBeGreaterThan(iterations / 20, "the acceptor takes a fair share, not nothing");
    }

    [Fact]
    public void Every_member_of_the_product_documents_is_taken_by_the_acceptor_and_njsonschema_agrees()
    {
        var checkedMembers = 0;
        foreach (var granularity in new[] { Granularity.Subrun, Granularity.Run, Granularity.Night })
        {
            var path = Path.Combine(_directory, $"{granularity}.prov.json");
            ProvJsonWriter.Write(ProvenanceMerger.Merge([night.Real.LogPath], new MergeOptions { Granularity = granularity, IncludeMembers = true }).Document, path);
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            foreach (var section in document.RootElement.EnumerateObject().Where(s => s.Name is not ("prefix" or "bundle")))
            {
                foreach (var member in section.Value.EnumerateObject())
                {
                    var value = member.Value.GetRawText();
                    SchemaAcceptor.Accepts(section.Name, member.Name, Encoding.UTF8.GetBytes(value)).ShouldBeTrue($"{section.Name} {member.Name}: {value}");
                    if (checkedMembers++ % 7 == 0)
                    {
                        ProvValidator.SchemaFindings(section.Name, member.Name, value).ShouldBeEmpty();
                    }
                }
            }
        }

        checkedMembers.ShouldBeGreaterThan(500);
    }
}
