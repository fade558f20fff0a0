namespace Provenance.Capture.Prov.Document;

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

    // Values are List<ProvLiteral> (appended to by Add); callers see them read-only.
    // A sorted list: elements hold tens of attributes, mostly set in near-sorted order (a merge sets them
    // name by name), where it beats a tree in time and memory.
    private readonly SortedList<string, IReadOnlyList<ProvLiteral>> _attributes = new(StringComparer.Ordinal);

    /// <summary>Attributes by qualified name, in ordinal order; a list holds several values. Change them with <see cref="Set"/> and <see cref="Add"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ProvLiteral>> Attributes => _attributes;

    /// <summary>Sets an attribute to one value (replacing others).</summary>
    /// <param name="name">Qualified attribute name.</param>
    /// <param name="value">Value.</param>
    /// <returns>This element.</returns>
    public ProvElement Set(string name, ProvLiteral? value)
    {
        if (value is not null)
        {
            _attributes[name] = new List<ProvLiteral> { value };
        }

        return this;
    }

    /// <summary>Sets an attribute to these values, in order (distinct, not empty: the merge has checked).</summary>
    internal void SetAll(string name, List<ProvLiteral> values) => _attributes[name] = values;

    /// <summary>Adds a value unless the attribute already holds it.</summary>
    /// <param name="name">Qualified attribute name.</param>
    /// <param name="value">Value.</param>
    /// <returns>This element.</returns>
    public ProvElement Add(string name, ProvLiteral value)
    {
        if (!_attributes.TryGetValue(name, out var present))
        {
            _attributes[name] = new List<ProvLiteral> { value };
        }
        else if (!present.Contains(value))
        {
            ((List<ProvLiteral>)present).Add(value);
        }

        return this;
    }

    /// <summary>The first value of an attribute, or null.</summary>
    /// <param name="name">Qualified attribute name.</param>
    /// <returns>The value's text.</returns>
    public string? Get(string name) => _attributes.TryGetValue(name, out var values) && values.Count > 0 ? values[0].Text : null;
}
