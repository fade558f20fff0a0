using System.Text;
using Provenance.Capture.Prov.Merge;
using Provenance.Capture.Prov.Validation;
using Provenance.Capture.Prov.Writers;

namespace Provenance.Capture.Prov.Tests;

/// <summary>
/// A large document's members are checked a batch at a time on several threads, and an accepted member's times
/// and rules from its bytes in one pass: the findings, in their order, are those of the general path (each
/// member through NJsonSchema, parsed and read as a document of its own).
/// </summary>
public sealed class MemberRulesTests(NightFixture night) : IClassFixture<NightFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-member-rules-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static List<string> Findings(string path, bool fast) => [.. ProvValidator.ValidateInParts(path, acceptor: fast).Select(p => p.ToString())];

    private string WriteDocument(string name, string json)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, json);
        return path;
    }

    // Members whose times and rules have something to say, each section's edges among them.
    private const string Awkward = """
        {
          "prefix": {"ent": "urn:x:ent:", "act": "urn:x:act:"},
          "entity": {
            "ent:a": {"ex:size": 5, "un:declared": "x", "prov:type": {"$": "zz:T", "type": "xsd:QName"}, "b:type": [{"$": "1", "type": "qq:int"}, {"$": "1", "type": "qq:int"}, {"$": "2", "type": "qq:int"}]},
            "ent:b": {"ex:seen": {"$": "yesterday", "type": "xsd:dateTime"}, "ex:when": [{"$": "2020-11-20T22:00:00Z", "type": "xsd:dateTime"}, {"$": "soon", "type": "xsd:dateTime"}]},
            "zz:c": {"prov:label": "c", "a:x": 1, "A:x": 2, "_:blank": 3, ":odd": 4, "ent:fine": {"$": "ent:q", "type": "xsd:QName"}},
            "ent:d": {"prov:startTime": ["2020-11-20T22:00:00Z", "later"], "prov:endTime": {"$": "2020-11-19T22:00:00Z", "type": "xsd:dateTime"}},
            "ent:esc": {"un:\u0061": 1, "ex:q": {"\u0024": "zz:\u0071", "typ\u0065": "xsd:QNam\u0065"}, "ex:r": {"$": "yy:r", "type": "xsd:\u0051Name"}, "ex:w": {"$": "never", "type": "xsd:date\u0054ime"}, "prov:start\u0054ime": "2020-01-02T00:00:00Z", "prov:endTime": "2020-01-01T00:00:00Z"},
            "ent:e\u00e9": {"ex:s": "a \"quoted\" \\ text", "ex:t": {"$": "x", "lang": "fr"}, "ex:u": {"$": "x", "type": "ex:T", "lang": "fr"}}
          },
          "activity": {
            "act:x": {"prov:startTime": "2020-01-02T00:00:00Z", "prov:endTime": "2020-01-01T00:00:00Z", "prov:time": "never"},
            "act:y": {"prov:startTime": "2020-01-01T00:00:00+01:00", "prov:endTime": "2020-01-01T00:00:00Z"},
            "act:z": {"prov:startTime": "2020-13-45T99:99:99Z", "prov:endTime": "2020-01-01T00:00:00Z"},
            "nope:w": {"prov:type": {"$": "nope:Q", "type": "xsd:QName"}}
          },
          "agent": {"ag:p": {"prov:type": {"$": "prov:Person", "type": "xsd:QName"}}},
          "wasGeneratedBy": {
            "_:g1": {"prov:entity": "ent:a", "prov:activity": "act:x", "prov:time": "2020-11-20T22:00:00Z"},
            "_:g2": {"prov:entity": "ent:a", "prov:activity": "act:y", "prov:time": "2020-11-20T22:00:00.5+01:00"},
            "_:g3": {"prov:entity": "ent:a", "prov:activity": "act:x"},
            "_:g4": {"prov:entity": "ent:gone", "prov:activity": "act:gone"},
            "_:g5": {"prov:entity": "ent:b"}
          },
          "used": {"_:u1": {"prov:activity": "act:x", "prov:entity": "ent:missing", "prov:role": "R0", "ex:when": {"$": "bad", "type": "xsd:dateTime"}}},
          "wasInformedBy": {"_:i1": {"prov:informed": "act:x", "prov:informant": "act:none"}},
          "wasDerivedFrom": {"_:d1": {"prov:generatedEntity": "ent:a", "prov:usedEntity": "ent:b", "prov:activity": "act:x"}},
          "wasAttributedTo": {"_:t1": {"prov:entity": "ent:a", "prov:agent": "ag:nobody"}},
          "wasAssociatedWith": {"_:s1": {"prov:activity": "act:x", "prov:agent": "ag:p", "prov:plan": "ent:p"}, "_:s2": {"prov:activity": "act:x"}},
          "actedOnBehalfOf": {"_:o1": {"prov:delegate": "ag:p", "prov:responsible": "ag:q"}},
          "wasStartedBy": {"_:b1": {"prov:activity": "act:x", "prov:trigger": "ent:t", "prov:time": "2020-11-20T22:00:00Z"}},
          "wasEndedBy": {"_:e1": {"prov:activity": "act:x", "prov:trigger": "ent:a"}},
          "wasEndedby": {"_:e2": {"prov:activity": "act:q", "prov:trigger": "ent:a"}},
          "wasInvalidatedBy": {"_:v1": {"prov:entity": "ent:a", "prov:activity": "act:x", "prov:time": "then"}},
          "wasInfluencedBy": {"_:f1": {"prov:influencer": "ent:a", "prov:influencee": "ent:none"}},
          "specializationOf": {"_:p1": {"prov:specificEntity": "ent:a", "prov:generalEntity": "ent:none"}},
          "alternateOf": {"_:l1": {"prov:alternate1": "ent:a", "prov:alternate2": "ent:none"}},
          "hadMember": {"_:m1": {"prov:collection": "ent:a", "prov:entity": "ent:none", "ex:n": [1]}},
          "bundle": {"ent:bundle": {"entity": {"ent:inside": {"prov:startTime": "x"}}, "wasGeneratedBy": {"_:g9": {"prov:entity": "ent:a", "prov:activity": "act:z"}}}}
        }
        """;

    [Fact]
    public void Accepted_members_find_what_the_general_path_finds_in_the_same_order()
    {
        var path = WriteDocument("awkward.json", Awkward);

        var fast = Findings(path, fast: true);

        fast.ShouldBe(Findings(path, fast: false));
        using (var parsed = System.Text.Json.JsonDocument.Parse(Awkward))
        {
            // Every member but a relation with a bad time (and the bundle) takes the one-pass way.
            var members = parsed.RootElement.EnumerateObject().Where(s => s.Name is not ("prefix" or "bundle"))
                .SelectMany(s => s.Value.EnumerateObject().Select(m => (Section: s.Name, m.Name, Value: m.Value.GetRawText())));
            members.Where(m => !SchemaAcceptor.Accepts(m.Section, m.Name, Encoding.UTF8.GetBytes(m.Value))).Select(m => m.Name).ShouldBe(["_:v1"]);
        }

        fast.Count(f => f.Contains("prefix", StringComparison.Ordinal)).ShouldBeGreaterThan(8, string.Join("\n", fast));
        fast.ShouldContain(f => f.Contains("generated twice, by 'act:x' and by 'act:y'", StringComparison.Ordinal));
        fast.ShouldContain(f => f.Contains("generated twice, by 'act:x' and by 'act:z'", StringComparison.Ordinal), "a generation inside a bundle counts too");
        fast.ShouldContain(f => f.Contains("'soon' is not an xsd:dateTime", StringComparison.Ordinal));
        fast.ShouldContain(f => f.Contains("prefix 'zz' of 'zz:q'", StringComparison.Ordinal), "escaped keys and values are read as their texts");
        fast.ShouldContain(f => f.Contains("ex:w 'never' is not an xsd:dateTime", StringComparison.Ordinal));
        fast.ShouldContain(f => f.Contains("ends (2020-01-01T00:00:00.0000000+00:00) before it starts", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Granularity.Subrun)]
    [InlineData(Granularity.Run)]
    [InlineData(Granularity.Night)]
    public void The_product_documents_find_the_same_with_prefixes_undeclared(Granularity granularity)
    {
        var path = Path.Combine(_directory, $"{granularity}.prov.json");
        ProvOutput.Write(ProvenanceMerger.Merge([night.Real.LogPath], new MergeOptions { Granularity = granularity, IncludeMembers = true }).Graph, path);
        var valid = Findings(path, fast: true);
        valid.ShouldBe(Findings(path, fast: false));

        // Without its prefixes every name of the document is a finding, in document order.
        var text = File.ReadAllText(path);
        var start = text.IndexOf("\"prefix\"", StringComparison.Ordinal);
        var end = text.IndexOf('}', start);
        var bare = WriteDocument($"{granularity}-bare.json", string.Concat(text.AsSpan(0, start), "\"prefix\": {", text.AsSpan(end)));
        var found = Findings(bare, fast: true);
        found.Count.ShouldBeGreaterThan(100);
        found.ShouldBe(Findings(bare, fast: false));
    }

    [Fact]
    public void Findings_spread_over_many_batches_come_back_in_document_order()
    {
        // About 6 MB: tens of batches checked at once; each used relation names an entity never declared.
        const int Count = 60_000;
        var json = new StringBuilder("""{"prefix": {"ent": "urn:x:", "act": "urn:y:"}, "activity": {"act:a": {}}, "used": {""");
        for (var i = 0; i < Count; i++)
        {
            json.Append(i == 0 ? string.Empty : ", ").Append($$"""
                "_:u{{i}}": {"prov:activity": "act:a", "prov:entity": "ent:missing{{i}}", "prov:role": "{{new string('r', i % 50)}}"}
                """);
        }

        json.Append("""}, "wasGeneratedBy": {"_:g1": {"prov:entity": "ent:x", "prov:activity": "act:first"}""");
        for (var i = 2; i < 2_000; i++)
        {
            json.Append($$""", "_:g{{i}}": {"prov:entity": "ent:x", "prov:activity": "act:next{{i}}"}""");
        }

        var path = WriteDocument("many.json", json.Append("}}").ToString());
        new FileInfo(path).Length.ShouldBeGreaterThan(4L << 20);

        var found = ProvValidator.ValidateFile(path);

        found.Where(p => p.Rule == "dangling" && p.Path == "used").Select(p => p.Message)
            .ShouldBe(Enumerable.Range(0, Count).Select(i => $"'ent:missing{i}' is not a declared entity"));
        found.Where(p => p.Rule == "generation").Select(p => p.Message)
            .ShouldBe(Enumerable.Range(2, 1_998).Select(i => $"generated twice, by 'act:first' and by 'act:next{i}' (PROV allows one generation per entity)"));
    }
}
