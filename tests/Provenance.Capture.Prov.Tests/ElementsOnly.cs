using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Writers;

namespace Provenance.Capture.Prov.Tests;

/// <summary>A graph without its own JSON sections: the writer formats its elements and relations one by one (the slow path of a merge's output).</summary>
internal sealed class ElementsOnly(IProvGraph graph) : IProvGraph
{
    public IReadOnlyDictionary<string, string> Prefixes => graph.Prefixes;

    public IEnumerable<ProvElement> Elements(ProvElementKind kind) => graph.Elements(kind);

    public IEnumerable<ProvRelation> Relations(ProvRelationKind kind) => graph.Relations(kind);

    /// <summary>A graph's PROV-JSON as the writer gives it from the graph's own sections, then from its elements.</summary>
    public static string[] JsonBothWays(IProvGraph graph) => [ProvJsonWriter.ToJson(graph), ProvJsonWriter.ToJson(new ElementsOnly(graph))];
}
