namespace Provenance.Capture.Prov.Document;

/// <summary>
/// A W3C PROV document: prefixes, elements and relations. Knows no log format and no file format;
/// readers, merge and writers meet here.
/// </summary>
public sealed class ProvDocument : IProvGraph
{
    /// <summary>The prefixes every document declares.</summary>
    public static readonly IReadOnlyDictionary<string, string> StandardPrefixes = new Dictionary<string, string>
    {
        ["prov"] = "http://www.w3.org/ns/prov#",
        ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
        ["provcap"] = "urn:provenance-capture:ns#",
        ["ent"] = "urn:provenance-capture:entity:",
        ["act"] = "urn:provenance-capture:activity:",
        ["agent"] = "urn:provenance-capture:agent:",
    };

    private readonly HashSet<ProvRelation> _relationSet = [];

    /// <summary>Prefix declarations (name to URI).</summary>
    public SortedDictionary<string, string> Prefixes { get; } = new(StandardPrefixes.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);

    /// <summary>Entities by id.</summary>
    public SortedDictionary<string, ProvElement> Entities { get; } = new(StringComparer.Ordinal);

    /// <summary>Activities by id.</summary>
    public SortedDictionary<string, ProvElement> Activities { get; } = new(StringComparer.Ordinal);

    /// <summary>Agents by id.</summary>
    public SortedDictionary<string, ProvElement> Agents { get; } = new(StringComparer.Ordinal);

    /// <summary>Relations, each once, in insertion order.</summary>
    public List<ProvRelation> Relations { get; } = [];

    /// <summary>The element table of a kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Its elements by id.</returns>
    public SortedDictionary<string, ProvElement> ElementsOf(ProvElementKind kind) => kind switch
    {
        ProvElementKind.Entity => Entities,
        ProvElementKind.Activity => Activities,
        _ => Agents,
    };

    /// <summary>Gets or adds an element.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="id">Qualified id.</param>
    /// <returns>The element.</returns>
    public ProvElement Element(ProvElementKind kind, string id)
    {
        var table = ElementsOf(kind);
        if (!table.TryGetValue(id, out var element))
        {
            table[id] = element = new ProvElement(kind, id);
        }

        return element;
    }

    /// <summary>Adds a relation unless an equal one is there.</summary>
    /// <param name="relation">The relation.</param>
    /// <returns>Whether it was added.</returns>
    public bool Add(ProvRelation relation)
    {
        if (!_relationSet.Add(relation))
        {
            return false;
        }

        Relations.Add(relation);
        return true;
    }

    /// <summary>Relations of one kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Those relations.</returns>
    public IEnumerable<ProvRelation> RelationsOf(ProvRelationKind kind) => Relations.Where(r => r.Kind == kind);

    /// <summary>Reads a whole graph into a document.</summary>
    /// <param name="graph">The graph.</param>
    /// <returns>The document.</returns>
    public static ProvDocument From(IProvGraph graph)
    {
        if (graph is ProvDocument document)
        {
            return document;
        }

        document = new ProvDocument();
        document.Prefixes.Clear();
        foreach (var (name, uri) in graph.Prefixes)
        {
            document.Prefixes[name] = uri;
        }

        foreach (var kind in (ProvElementKind[])[ProvElementKind.Entity, ProvElementKind.Activity, ProvElementKind.Agent])
        {
            var table = document.ElementsOf(kind);
            foreach (var element in graph.Elements(kind))
            {
                table.TryAdd(element.Id, element);
            }
        }

        foreach (var shape in ProvRelationShape.All)
        {
            foreach (var relation in graph.Relations(shape.Kind))
            {
                document.Add(relation);
            }
        }

        return document;
    }

    IReadOnlyDictionary<string, string> IProvGraph.Prefixes => Prefixes;

    IEnumerable<ProvElement> IProvGraph.Elements(ProvElementKind kind) => ElementsOf(kind).Values;

    IEnumerable<ProvRelation> IProvGraph.Relations(ProvRelationKind kind) => RelationsOf(kind);
}
