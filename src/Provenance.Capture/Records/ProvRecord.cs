using System.Collections;

namespace Provenance.Capture.Records;

/// <summary>
/// One PROV record, as the structured state of a log event: an ordered list of fields that
/// Microsoft.Extensions.Logging providers (Serilog's among them) turn into event properties.
/// </summary>
public sealed class ProvRecord : IReadOnlyList<KeyValuePair<string, object?>>
{
    private const string OriginalFormat = "{OriginalFormat}";
    private static readonly object Version = RecordSchema.Version;
    private readonly List<KeyValuePair<string, object?>> _fields;

    /// <summary>Starts a record of the given kind, with the schema version already set.</summary>
    /// <param name="kind">One of <see cref="RecordKinds"/>.</param>
    /// <param name="capacity">Expected number of fields besides the kind and the schema version.</param>
    public ProvRecord(string kind, int capacity = 12)
    {
        Kind = kind;
        _fields = new List<KeyValuePair<string, object?>>(capacity + 2)
        {
            new(RecordFields.Kind, kind),
            new(RecordFields.SchemaVersion, Version),
        };
    }

    /// <summary>The record kind.</summary>
    public string Kind { get; }

    /// <inheritdoc/>
    public int Count => _fields.Count + 1;

    /// <summary>The number of fields besides the kind and the schema version (what <c>capacity</c> estimates).</summary>
    public int Fields => _fields.Count - 2;

    /// <inheritdoc/>
    public KeyValuePair<string, object?> this[int index]
        => index == _fields.Count ? new(OriginalFormat, RecordSchema.MessageTemplate) : _fields[index];

    /// <summary>Adds a field (skipped when the value is null).</summary>
    /// <param name="name">Field name, one of <see cref="RecordFields"/>.</param>
    /// <param name="value">Scalar, string, dictionary or list.</param>
    /// <returns>This record.</returns>
    public ProvRecord Add(string name, object? value)
    {
        if (value is not null)
        {
            _fields.Add(new(name, value));
        }

        return this;
    }

    /// <summary>The value of a field, or null. Lists and dictionaries may be shared with other records: read them, never change them.</summary>
    /// <param name="name">Field name.</param>
    /// <returns>The value.</returns>
    public object? Get(string name)
    {
        foreach (var field in _fields)
        {
            if (field.Key == name)
            {
                return field.Value;
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Renders the message: <c>PROV kind</c>.</summary>
    public override string ToString() => "PROV " + Kind;
}
