using System.Collections;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Provenance.Capture.Records;
using Serilog.Events;
using Serilog.Parsing;
using MelLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Provenance.Capture.Clef;

/// <summary>
/// An <see cref="ILoggerProvider"/> that hands PROV records straight to a Serilog logger as ready-made
/// <see cref="LogEvent"/>s. The general Serilog provider inspects every property value through
/// reflection; records only hold strings, numbers, dictionaries and lists, so they are converted here
/// directly, which makes a record several times cheaper. Other categories are ignored, so events carry
/// no <c>SourceContext</c> (<see cref="ClefLogging.IsProvRecord"/> accepts them as PROV records).
/// </summary>
public sealed class ClefRecordLoggerProvider : ILoggerProvider
{
    private static readonly MessageTemplate Template = new MessageTemplateParser().Parse(RecordSchema.MessageTemplate);
    private static readonly ScalarValue SchemaVersionValue = new(RecordSchema.Version);
    // Items lists never change once recorded (LastCallReuse), so their sequence is made once and found again
    // by the list, for as long as the list lives.
    private static readonly ConditionalWeakTable<RecordItems, SequenceValue> Sequences = new();
    private readonly Serilog.Core.Logger _logger;
    private readonly bool _dispose;

    // Per record shape (a method's start or end records), the table of the last such record.
    private readonly ConditionalWeakTable<RecordShape, EventTemplate> _templates = new();

    /// <summary>Wraps a Serilog logger.</summary>
    /// <param name="logger">Where records go (e.g. a CLEF file sink).</param>
    /// <param name="dispose">Dispose the logger with the provider.</param>
    public ClefRecordLoggerProvider(Serilog.Core.Logger logger, bool dispose = true)
    {
        _logger = logger;
        _dispose = dispose;
    }

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName)
        => categoryName == RecordSchema.Category ? new RecordLogger(_logger, _templates) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_dispose)
        {
            _logger.Dispose();
        }
    }

    // Values that repeat from record to record are the very same objects each time: texts (kinds, names,
    // sessions, scripts, types), the schema version, and run numbers equal to the last call's (capture
    // hands over the last call's object then). Their Serilog value is made once and found again by
    // reference, in a small table indexed by the object's identity hash; an entry is checked against the
    // value it holds. A miss just makes a new value.
    private static readonly ScalarValue?[] RepeatedScalars = new ScalarValue?[1024];

    private static ScalarValue Scalar(object value)
    {
        var slot = RuntimeHelpers.GetHashCode(value) & (RepeatedScalars.Length - 1);
        var known = Volatile.Read(ref RepeatedScalars[slot]);
        if (known is not null && ReferenceEquals(known.Value, value))
        {
            return known;
        }

        var made = new ScalarValue(value);
        Volatile.Write(ref RepeatedScalars[slot], made);
        return made;
    }

    internal static LogEventPropertyValue Convert(object? value) => value switch
    {
        null => new ScalarValue(null),
        string or bool or int or long or double => Scalar(value),
        DateTimeOffset => new ScalarValue(value),
        RecordItems items => Sequences.TryGetValue(items, out var sequence) ? sequence : Render(items),
        IReadOnlyDictionary<string, object?> map => Structure(map),
        IEnumerable<KeyValuePair<string, string>> pairs => Structure(pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value))),
        IList list => Sequence(list),
        _ => new ScalarValue(RecordValues.Scalar(value)),
    };

    private static SequenceValue Render(RecordItems items)
    {
        var sequence = Sequence(items);
        Sequences.AddOrUpdate(items, sequence);
        return sequence;
    }

    // A structure without a type tag renders as the same JSON object as a dictionary, but is a plain
    // array inside: no hashing of keys.
    private static StructureValue Structure(IEnumerable<KeyValuePair<string, object?>> map)
    {
        if (map is not Dictionary<string, object?> dictionary)
        {
            return new StructureValue(map.Select(p => new LogEventProperty(p.Key, Convert(p.Value))).ToList());
        }

        // An array of the exact size (Serilog copies what it is given into an array), filled by the
        // dictionary's own enumerator (no boxed one).
        var properties = new LogEventProperty[dictionary.Count];
        var i = 0;
        foreach (var (key, value) in dictionary)
        {
            properties[i++] = new LogEventProperty(key, Convert(value));
        }

        return new StructureValue(properties);
    }

    private static SequenceValue Sequence(IList list)
    {
        var items = new LogEventPropertyValue[list.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = Convert(list[i]);
        }

        return new SequenceValue(items);
    }

    // An activity id is new with every call: kept out of the table of repeated values (hashing a new
    // object's identity costs more than the value it would save). A call's end record mostly follows its
    // start record on the same thread with no other call's record between: the two share one value.
    [ThreadStatic]
    private static ScalarValue? t_lastActivityId;

    private static LogEventPropertyValue Field(string name, object? value)
    {
        if (!ReferenceEquals(name, RecordFields.ActivityId))
        {
            return Convert(value);
        }

        var last = t_lastActivityId;
        return last is not null && ReferenceEquals(last.Value, value) ? last : t_lastActivityId = new ScalarValue(value);
    }

    // The event properties of a record, in a table of their own.
    private static Dictionary<string, LogEventPropertyValue> Properties(ProvRecord record)
    {
        var (names, values, fields) = (record.Names, record.Values, record.Fields);
        var properties = new Dictionary<string, LogEventPropertyValue>(fields + 2)
        {
            [RecordFields.Kind] = Scalar(record.Kind),
            [RecordFields.SchemaVersion] = SchemaVersionValue,
        };
        for (var i = 0; i < fields; i++)
        {
            properties[names[i]] = Field(names[i], values[i]);
        }

        return properties;
    }

    // The last record of a shape and its event properties (never handed to an event itself).
    private sealed class EventTemplate(ProvRecord source, Dictionary<string, LogEventPropertyValue> properties)
    {
        // The properties of a record with the same field names (the very same list, which records of a
        // shape share while their names agree), or null.
        public Dictionary<string, LogEventPropertyValue>? For(ProvRecord record)
        {
            var (names, values, fields) = (record.Names, record.Values, record.Fields);
            if (!ReferenceEquals(names, source.Names) || fields != source.Fields || !ReferenceEquals(record.Kind, source.Kind))
            {
                return null;
            }

            var copy = new Dictionary<string, LogEventPropertyValue>(properties);
            var known = source.Values;
            for (var i = 0; i < fields; i++)
            {
                if (!ReferenceEquals(values[i], known[i]))
                {
                    copy[names[i]] = Field(names[i], values[i]);
                }
            }

            return copy;
        }
    }

    private sealed class RecordLogger(Serilog.Core.Logger logger, ConditionalWeakTable<RecordShape, EventTemplate> templates) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(MelLogLevel logLevel) => logLevel >= MelLogLevel.Information;

        public void Log<TState>(MelLogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is not ProvRecord record)
            {
                return;
            }

            // Records of one shape (a method's start or end records) repeat most of their values: the table of
            // the last such record is copied (no key hashed again) and only the values that differ are set.
            var shape = record.Shape;
            var properties = shape is not null && templates.TryGetValue(shape, out var template) ? template.For(record) : null;
            if (properties is null)
            {
                properties = Properties(record);

                // The template keeps its own copy: sinks and enrichers may change an event's table.
                if (shape is not null)
                {
                    templates.AddOrUpdate(shape, new EventTemplate(record, new Dictionary<string, LogEventPropertyValue>(properties)));
                }
            }

            // Activity records carry their own time (one clock read for the field and the event); local, as Serilog's own events.
            var time = record.Time is { } recorded ? recorded.ToLocalTime() : DateTimeOffset.Now;
            logger.Write(LogEvent.UnstableAssembleFromParts(time, LogEventLevel.Information, exception, Template, properties, default, default));
        }
    }
}
