using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Prov.Tests;

/// <summary>A graph without its own JSON sections: the writer formats its elements and relations one by one (the slow path of a merge's output).</summary>
internal sealed class ElementsOnly(IProvGraph graph) : IProvGraph
{
    public IReadOnlyDictionary<string, string> Prefixes => graph.Prefixes;

    public IEnumerable<ProvElement> Elements(ProvElementKind kind) => graph.Elements(kind);

    public IEnumerable<ProvRelation> Relations(ProvRelationKind kind) => graph.Relations(kind);
}
