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
    private KeyValuePair<string, object?>[] _fields;
    private int _count;
    private long _utcTicks;

    /// <summary>Starts a record of the given kind, with the schema version already set.</summary>
    /// <param name="kind">One of <see cref="RecordKinds"/>.</param>
    /// <param name="capacity">Expected number of fields besides the kind and the schema version.</param>
    public ProvRecord(string kind, int capacity = 12)
    {
        Kind = kind;
        _fields = new KeyValuePair<string, object?>[Math.Max(capacity, 0) + 2];
        _fields[0] = new(RecordFields.Kind, kind);
        _fields[1] = new(RecordFields.SchemaVersion, Version);
        _count = 2;
    }

    /// <summary>The record kind.</summary>
    public string Kind { get; }

    /// <inheritdoc/>
    public int Count => _count + 1;

    /// <summary>The number of fields besides the kind and the schema version (what <c>capacity</c> estimates).</summary>
    public int Fields => _count - 2;

    /// <summary>The shape this record shares with others of its kind from the same method, if any.</summary>
    internal RecordShape? Shape { get; init; }

    /// <summary>When the record's event happened (its start or end time), if it has one: a logger may use it as the event's time.</summary>
    internal DateTimeOffset? Time
    {
        get => _utcTicks == 0 ? null : new DateTimeOffset(_utcTicks, TimeSpan.Zero);
        init => _utcTicks = value?.UtcTicks ?? 0;
    }

    /// <inheritdoc/>
    public KeyValuePair<string, object?> this[int index]
        => index == _count ? new(OriginalFormat, RecordSchema.MessageTemplate) : (uint)index < (uint)_count ? _fields[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Adds a field (skipped when the value is null).</summary>
    /// <param name="name">Field name, one of <see cref="RecordFields"/>.</param>
    /// <param name="value">Scalar, string, dictionary or list.</param>
    /// <returns>This record.</returns>
    public ProvRecord Add(string name, object? value)
    {
        if (value is not null)
        {
            if (_count == _fields.Length)
            {
                Array.Resize(ref _fields, _fields.Length * 2);
            }

            _fields[_count++] = new(name, value);
        }

        return this;
    }

    /// <summary>The value of a field, or null. Lists and dictionaries may be shared with other records: read them, never change them.</summary>
    /// <param name="name">Field name.</param>
    /// <returns>The value.</returns>
    public object? Get(string name)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_fields[i].Key == name)
            {
                return _fields[i].Value;
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
