using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Readers;

namespace Provenance.Capture.Prov.Tests;

/// <summary>
/// Reading PROV-JSON written by others: every kind of value PROV-JSON allows, bundles, and the shapes a reader
/// must pass over without failing (the validator names those), or refuse naming the file and the line.
/// </summary>
public sealed class ProvJsonReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-prov-json-reader-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Values_of_every_kind_bundles_and_odd_shapes_are_read_as_PROV_JSON_means_them()
    {
        var path = Write("""
            {
              "prefix": {"ex": "http://example.org/", "odd": 5},
              "entity": {
                "ex:file": {
                  "prov:label": "a file", "ex:size": 12, "ex:ratio": 2.5, "ex:ok": true, "ex:broken": false, "ex:nothing": null,
                  "prov:type": {"$": "ex:File", "type": "xsd:QName"}, "ex:untyped": {"$": "text"}, "ex:empty": {"type": "xsd:string"},
                  "ex:many": ["one", {"$": "2", "type": "xsd:int"}, "one"]
                },
                "ex:declared": "not an object"
              },
              "activity": {"ex:run": {"prov:startTime": "2020-11-20T22:00:00+01:00", "prov:endTime": "2020-11-20T21:30:00", "ex:note": "x"}},
              "agent": [],
              "used": {
                "_:u1": {"prov:activity": "ex:run", "prov:entity": "ex:file", "prov:role": 5, "prov:time": "2020-11-20T21:10:00Z"},
                "_:u2": {"prov:activity": "ex:run"},
                "_:u3": "not an object",
                "_:u4": {"prov:activity": 7, "prov:entity": "ex:file"}
              },
              "wasGeneratedBy": [],
              "notARelation": {"_:x": {"prov:activity": "ex:run", "prov:entity": "ex:file"}},
              "bundle": {
                "ex:b": {"entity": {"ex:inside": {"prov:label": "in a bundle"}}, "wasDerivedFrom": {"_:d": {"prov:generatedEntity": "ex:inside", "prov:usedEntity": "ex:file"}}},
                "ex:odd": "not a bundle"
              }
            }
            """);

        var document = ProvJsonReader.Read(path);

        document.Prefixes["ex"].ShouldBe("http://example.org/");
        document.Prefixes["odd"].ShouldBe(string.Empty, "a prefix bound to no text");
        document.Prefixes.Keys.ShouldNotContain("prov", "only the document's own prefixes");
        var file = document.Entities["ex:file"];
        file.Attributes["prov:label"].ShouldBe([ProvLiteral.String("a file")]);
        file.Attributes["ex:size"].ShouldBe([new ProvLiteral("12", "xsd:double")]);
        file.Attributes["ex:ratio"].ShouldBe([new ProvLiteral("2.5", "xsd:double")]);
        file.Attributes["ex:ok"].ShouldBe([new ProvLiteral("true", "xsd:boolean")]);
        file.Attributes["ex:broken"].ShouldBe([new ProvLiteral("false", "xsd:boolean")]);
        file.Attributes["ex:nothing"].ShouldBe([ProvLiteral.String("null")]);
        file.Attributes["prov:type"].ShouldBe([ProvLiteral.QName("ex:File")]);
        file.Attributes["ex:untyped"].ShouldBe([ProvLiteral.String("text")]);
        file.Attributes["ex:empty"].ShouldBe([new ProvLiteral(string.Empty, "xsd:string")]);
        file.Attributes["ex:many"].ShouldBe([ProvLiteral.String("one"), new ProvLiteral("2", "xsd:int")], "a value twice is one value");
        document.Entities["ex:declared"].Attributes.ShouldBeEmpty();
        document.Entities["ex:inside"].Get("prov:label").ShouldBe("in a bundle");

        var run = document.Activities["ex:run"];
        run.StartTime.ShouldBe(new DateTimeOffset(2020, 11, 20, 21, 0, 0, TimeSpan.Zero));
        run.EndTime.ShouldBe(new DateTimeOffset(2020, 11, 20, 21, 30, 0, TimeSpan.Zero), "a time without an offset is UTC");
        run.Attributes.Keys.ShouldBe(["ex:note"], "the times are no attributes");
        document.Agents.ShouldBeEmpty();

        document.Relations.Select(r => (r.Kind, r.Subject, r.Object, r.Role, r.Time)).ShouldBe(
        [
            (ProvRelationKind.Used, "ex:run", "ex:file", "5", new DateTimeOffset(2020, 11, 20, 21, 10, 0, TimeSpan.Zero)),
            (ProvRelationKind.WasDerivedFrom, "ex:inside", "ex:file", null, null),
        ]);
    }

    [Theory]
    [InlineData("{\n  \"entity\": {\n    \"ex:a\": {,}\n  }\n}", ":3: not JSON: ")]
    [InlineData("{\"entity\": {}", ":1: not JSON: ")]
    [InlineData("[{\"entity\": {}}]", ": a PROV-JSON document is a JSON object")]
    [InlineData("\"text\"", ": a PROV-JSON document is a JSON object")]
    public void A_file_that_is_not_a_PROV_JSON_document_is_refused_naming_it_and_its_line(string text, string expected)
    {
        var path = Write(text);

        var error = Should.Throw<InvalidDataException>(() => ProvJsonReader.Read(path));

        error.Message.ShouldStartWith(path + expected);
    }

    private string Write(string text)
    {
        var path = Path.Combine(_directory, $"document{Directory.GetFiles(_directory).Length}.json");
        File.WriteAllText(path, text);
        return path;
    }
}
