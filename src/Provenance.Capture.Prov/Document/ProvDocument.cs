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
    private readonly SortedDictionary<string, string> _prefixes = new(StandardPrefixes.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);
    private readonly SortedDictionary<string, ProvElement> _entities = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, ProvElement> _activities = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, ProvElement> _agents = new(StringComparer.Ordinal);
    private readonly List<ProvRelation> _relations = [];

    /// <summary>Prefix declarations (name to URI), in ordinal order; see <see cref="DeclarePrefix"/>.</summary>
    public IReadOnlyDictionary<string, string> Prefixes => _prefixes;

    /// <summary>Entities by id, in ordinal order; see <see cref="Element"/>.</summary>
    public IReadOnlyDictionary<string, ProvElement> Entities => _entities;

    /// <summary>Activities by id, in ordinal order.</summary>
    public IReadOnlyDictionary<string, ProvElement> Activities => _activities;

    /// <summary>Agents by id, in ordinal order.</summary>
    public IReadOnlyDictionary<string, ProvElement> Agents => _agents;

    /// <summary>Relations, each once, in insertion order; see <see cref="Add"/>.</summary>
    public IReadOnlyList<ProvRelation> Relations => _relations;

    /// <summary>The elements of a kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Its elements by id.</returns>
    public IReadOnlyDictionary<string, ProvElement> ElementsOf(ProvElementKind kind) => TableOf(kind);

    /// <summary>Declares a prefix, or changes its URI.</summary>
    /// <param name="prefix">The prefix.</param>
    /// <param name="uri">The namespace URI.</param>
    public void DeclarePrefix(string prefix, string uri) => _prefixes[prefix] = uri;

    /// <summary>Forgets every prefix, the standard ones too (a document read from a file declares its own).</summary>
    internal void ClearPrefixes() => _prefixes.Clear();

    /// <summary>Gets or adds an element.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="id">Qualified id.</param>
    /// <returns>The element.</returns>
    public ProvElement Element(ProvElementKind kind, string id)
    {
        var table = TableOf(kind);
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

        _relations.Add(relation);
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
        document._prefixes.Clear();
        foreach (var (name, uri) in graph.Prefixes)
        {
            document._prefixes[name] = uri;
        }

        foreach (var kind in (ProvElementKind[])[ProvElementKind.Entity, ProvElementKind.Activity, ProvElementKind.Agent])
        {
            var table = document.TableOf(kind);
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

    private SortedDictionary<string, ProvElement> TableOf(ProvElementKind kind) => kind switch
    {
        ProvElementKind.Entity => _entities,
        ProvElementKind.Activity => _activities,
        _ => _agents,
    };
}
