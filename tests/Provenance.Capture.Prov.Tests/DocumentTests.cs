using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Writers;

namespace Provenance.Capture.Prov.Tests;

/// <summary>The in-memory PROV document and the counts the writers report (from the survivors of a mutation run on Document/).</summary>
public sealed class DocumentTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-document-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_counts_of_two_parts_add_up_kind_by_kind()
    {
        new ProvCounts(1, 2, 3, 4).Plus(new ProvCounts(10, 20, 30, 40)).ShouldBe(new ProvCounts(11, 22, 33, 44));
    }

    [Fact]
    public void An_image_of_a_graph_shows_every_element_and_reports_what_it_drew()
    {
        Assert.SkipUnless(GraphvizRenderer.IsAvailable(), "Graphviz is not installed (apt-get install graphviz); .ci/run installs it");
        var document = ApprovedOutputTests.Example();
        var path = Path.Combine(_directory, "example.svg");

        var counts = ProvOutput.Write(document, path);

        counts.ShouldBe(new ProvCounts(document.Entities.Count, document.Activities.Count, document.Agents.Count, document.Relations.Count));
        var svg = File.ReadAllText(path);
        foreach (var id in document.Entities.Keys.Concat(document.Activities.Keys).Concat(document.Agents.Keys))
        {
            svg.ShouldContain($"<title>{id}</title>");
        }

        // Each relation an edge (DOT draws every one).
        System.Text.RegularExpressions.Regex.Count(svg, "class=\"edge\"").ShouldBe(document.Relations.Count);
    }

    [Fact]
    public void A_document_made_from_another_graph_declares_exactly_that_graph_s_prefixes()
    {
        var source = new ProvDocument();
        source.Element(ProvElementKind.Entity, "ex:a");
        var graph = new OnlyPrefixes(source, new Dictionary<string, string> { ["ex"] = "urn:example:" });

        var document = ProvDocument.From(graph);

        document.Prefixes.ShouldBe(graph.Prefixes);
        document.Entities.Keys.ShouldBe(["ex:a"]);
    }

    [Fact]
    public void A_relation_equal_to_one_already_there_is_not_added_again_and_says_so()
    {
        var document = new ProvDocument();
        var used = new ProvRelation(ProvRelationKind.Used, "act:a", "ent:b") { Role = "input" };

        document.Add(used).ShouldBeTrue();
        document.Add(used with { }).ShouldBeFalse();
        document.Add(used with { Role = "calibration" }).ShouldBeTrue();

        document.Relations.Count.ShouldBe(2);
    }

    // A graph that is not a ProvDocument, with prefixes of its own.
    private sealed class OnlyPrefixes(ProvDocument inner, IReadOnlyDictionary<string, string> prefixes) : IProvGraph
    {
        public IReadOnlyDictionary<string, string> Prefixes => prefixes;

        public IEnumerable<ProvElement> Elements(ProvElementKind kind) => ((IProvGraph)inner).Elements(kind);

        public IEnumerable<ProvRelation> Relations(ProvRelationKind kind) => ((IProvGraph)inner).Relations(kind);
    }
}
