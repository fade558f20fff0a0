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

    // The kind and the schema version are not stored: every record has them, first. The names of the
    // stored values may be shared with the other records of a shape (those of the same method and kind
    // have the same names, in the same order, call after call); such names are copied before one changes.
    private object?[] _values;
    private string[] _names;
    private bool _ownNames;
    private int _count;

    /// <summary>Starts a record of the given kind, with the schema version already set.</summary>
    /// <param name="kind">One of <see cref="RecordKinds"/>.</param>
    /// <param name="capacity">Expected number of fields besides the kind and the schema version.</param>
    public ProvRecord(string kind, int capacity = 12)
    {
        Kind = kind;
        _values = new object?[Math.Max(capacity, 1)];
        _names = new string[_values.Length];
        _ownNames = true;
    }

    /// <summary>Starts a record of a shape: sized as the shape's last record, sharing its field names while they agree.</summary>
    internal ProvRecord(string kind, RecordShape shape)
    {
        Kind = kind;
        Shape = shape;
        _names = shape.Names;
        _values = new object?[Math.Max(shape.Fields, 1)];
    }

    /// <summary>The record kind.</summary>
    public string Kind { get; }

    /// <inheritdoc/>
    public int Count => _count + 3;

    /// <summary>The number of fields besides the kind and the schema version (what <c>capacity</c> estimates).</summary>
    public int Fields => _count;

    /// <summary>The shape this record shares with others of its kind from the same method, if any.</summary>
    internal RecordShape? Shape { get; }

    /// <summary>When an activity record's event happened (its <c>startTime</c> or <c>endTime</c>), if it has one: a logger may use it as the event's time.</summary>
    internal DateTimeOffset? Time => Get(Kind switch
    {
        RecordKinds.ActivityStart => RecordFields.StartTime,
        RecordKinds.ActivityEnd => RecordFields.EndTime,
        _ => string.Empty,
    }) as DateTimeOffset?;

    /// <summary>The names of the fields besides the kind and the schema version (the first <see cref="Fields"/> count); never changed once a record is written.</summary>
    internal string[] Names => _names;

    /// <summary>Their values, in the same order.</summary>
    internal object?[] Values => _values;

    /// <inheritdoc/>
    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new(RecordFields.Kind, Kind),
        1 => new(RecordFields.SchemaVersion, Version),
        _ when (uint)(index - 2) < (uint)_count => new(_names[index - 2], _values[index - 2]),
        _ when index == _count + 2 => new(OriginalFormat, RecordSchema.MessageTemplate),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>Adds a field (skipped when the value is null).</summary>
    /// <param name="name">Field name, one of <see cref="RecordFields"/>.</param>
    /// <param name="value">Scalar, string, dictionary or list.</param>
    /// <returns>This record.</returns>
    public ProvRecord Add(string name, object? value)
    {
        if (value is null)
        {
            return this;
        }

        if (_count == _values.Length)
        {
            Array.Resize(ref _values, _values.Length * 2);
        }

        if (!_ownNames && (_count >= _names.Length || !ReferenceEquals(_names[_count], name)))
        {
            // This record's names part from the shared ones here: from now on it keeps its own.
            var names = new string[_values.Length];
            Array.Copy(_names, names, _count);
            _names = names;
            _ownNames = true;
        }

        if (_ownNames)
        {
            if (_count == _names.Length)
            {
                Array.Resize(ref _names, _values.Length);
            }

            _names[_count] = name;
        }

        _values[_count++] = value;
        return this;
    }

    /// <summary>The value of a field, or null. Lists and dictionaries may be shared with other records: read them, never change them.</summary>
    /// <param name="name">Field name.</param>
    /// <returns>The value.</returns>
    public object? Get(string name)
    {
        if (name == RecordFields.Kind)
        {
            return Kind;
        }

        if (name == RecordFields.SchemaVersion)
        {
            return Version;
        }

        for (var i = 0; i < _count; i++)
        {
            if (_names[i] == name)
            {
                return _values[i];
            }
        }

        return null;
    }

    /// <summary>Hands this record's names to its shape for the next record, once it has all its fields.</summary>
    internal void Complete()
    {
        if (Shape is not { } shape)
        {
            return;
        }

        shape.Fields = _count;
        if (_ownNames)
        {
            // Shared from now on: a field added later (none is) would copy them first.
            _ownNames = false;
            shape.Names = _names;
        }
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
