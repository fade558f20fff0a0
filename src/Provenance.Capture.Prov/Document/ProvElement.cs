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
