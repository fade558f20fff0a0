namespace Provenance.Capture.Prov.Document;

/// <summary>Kinds of PROV elements.</summary>
public enum ProvElementKind
{
    /// <summary>prov:Entity.</summary>
    Entity,

    /// <summary>prov:Activity.</summary>
    Activity,

    /// <summary>prov:Agent.</summary>
    Agent,
}

/// <summary>Kinds of PROV relations this product writes.</summary>
public enum ProvRelationKind
{
    /// <summary>used(activity, entity).</summary>
    Used,

    /// <summary>wasGeneratedBy(entity, activity).</summary>
    WasGeneratedBy,

    /// <summary>wasAssociatedWith(activity, agent).</summary>
    WasAssociatedWith,

    /// <summary>wasAttributedTo(entity, agent).</summary>
    WasAttributedTo,

    /// <summary>wasDerivedFrom(generated, used).</summary>
    WasDerivedFrom,

    /// <summary>wasInformedBy(informed, informant).</summary>
    WasInformedBy,

    /// <summary>hadMember(collection, entity).</summary>
    HadMember,

    /// <summary>actedOnBehalfOf(delegate, responsible).</summary>
    ActedOnBehalfOf,
}

/// <summary>A literal attribute value with its XSD (or PROV) type.</summary>
/// <param name="Text">Lexical form.</param>
/// <param name="Type">Qualified type name, e.g. <c>xsd:int</c>; null for a plain string.</param>
public sealed record ProvLiteral(string Text, string? Type = null)
{
    /// <summary>A plain string.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The literal.</returns>
    public static ProvLiteral String(string text) => new(text);

    /// <summary>A qualified name such as <c>prov:Collection</c> (typed xsd:QName).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The literal.</returns>
    public static ProvLiteral QName(string name) => new(name, "xsd:QName");

    /// <summary>An xsd:dateTime with UTC offset.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The literal.</returns>
    public static ProvLiteral DateTime(DateTimeOffset time) => new(ProvTime.Format(time), "xsd:dateTime");
}

/// <summary>Formats times as xsd:dateTime with an explicit offset.</summary>
public static class ProvTime
{
    /// <summary>ISO 8601 with offset, e.g. <c>2020-11-20T22:10:01.123+00:00</c>.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The text.</returns>
    public static string Format(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>An entity, activity or agent with its attributes (each attribute may hold several values).</summary>
public sealed class ProvElement
{
    /// <summary>Creates an element.</summary>
    /// <param name="kind">Entity, activity or agent.</param>
    /// <param name="id">Qualified id, e.g. <c>ent:5e29c7…</c>.</param>
    public ProvElement(ProvElementKind kind, string id)
    {
        Kind = kind;
        Id = id;
    }

    /// <summary>Entity, activity or agent.</summary>
    public ProvElementKind Kind { get; }

    /// <summary>Qualified id.</summary>
    public string Id { get; }

    /// <summary>Activity start (activities only).</summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>Activity end (activities only).</summary>
    public DateTimeOffset? EndTime { get; set; }

    /// <summary>Attributes by qualified name; a list holds several values.</summary>
    public SortedDictionary<string, List<ProvLiteral>> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>Sets an attribute to one value (replacing others).</summary>
    /// <param name="name">Qualified attribute name.</param>
    /// <param name="value">Value.</param>
    /// <returns>This element.</returns>
    public ProvElement Set(string name, ProvLiteral? value)
    {
        if (value is not null)
        {
            Attributes[name] = [value];
        }

        return this;
    }

    /// <summary>Adds a value unless the attribute already holds it.</summary>
    /// <param name="name">Qualified attribute name.</param>
    /// <param name="value">Value.</param>
    /// <returns>This element.</returns>
    public ProvElement Add(string name, ProvLiteral value)
    {
        if (!Attributes.TryGetValue(name, out var values))
        {
            Attributes[name] = values = [];
        }

        if (!values.Contains(value))
        {
            values.Add(value);
        }

        return this;
    }

    /// <summary>The first value of an attribute, or null.</summary>
    /// <param name="name">Qualified attribute name.</param>
    /// <returns>The value's text.</returns>
    public string? Get(string name) => Attributes.TryGetValue(name, out var values) && values.Count > 0 ? values[0].Text : null;
}

/// <summary>A relation between two elements, with optional attributes (role, time).</summary>
/// <param name="Kind">The relation.</param>
/// <param name="Subject">First argument (e.g. the activity of <c>used</c>).</param>
/// <param name="Object">Second argument (e.g. the entity of <c>used</c>).</param>
public sealed record ProvRelation(ProvRelationKind Kind, string Subject, string Object)
{
    /// <summary>prov:role, if any.</summary>
    public string? Role { get; init; }

    /// <summary>prov:time, if any.</summary>
    public DateTimeOffset? Time { get; init; }
}

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
