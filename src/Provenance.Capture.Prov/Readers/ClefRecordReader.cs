using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Provenance.Capture.Prov.Symbols;
using Provenance.Capture.Records;

namespace Provenance.Capture.Prov.Readers;

/// <summary>
/// Decodes a CLEF line straight into a <see cref="DecodedRecord"/>: field names are matched as bytes,
/// values become symbols, nothing is allocated for a record whose texts were seen before. The one CLEF
/// decoder: it alone decides what a line is (a record, another logger's event, or a problem, and why).
/// Session records also keep their open-ended fields as plain values (<see cref="JsonValues"/>).
/// Lines of other loggers (no <c>prov_kind</c>) are passed over silently.
/// </summary>
internal sealed class ClefRecordReader(RecordSymbols symbols)
{
    private enum Field
    {
        Unknown,
        Kind,
        SchemaVersion,
        ActivityId,
        EntityId,
        SessionId,
        SessionTag,
        Name,
        InSession,
        AgentName,
        ParentActivityId,
        Status,
        ExceptionType,
        ExceptionMessage,
        ObservationDate,
        Run,
        Subrun,
        StartTime,
        EndTime,
        EventTime,
        EntityType,
        Location,
        Hash,
        HashType,
        Size,
        ContentType,
        ArchivePath,
        Problem,
        Collection,
        Missing,
        Value,
        UsedId,
        UsedRole,
        GeneratedId,
        GeneratedRole,
        ProgenitorId,
        MemberId,
        Parameters,
        ParameterTypes,
        Used,
        Generated,
        Derivations,
        MemberIds,
    }

    private static readonly (byte[] Name, Field Field)[][] FieldsByLength = BuildFields();
    private static readonly string[] KindNames = [.. RecordKinds.All];
    private static readonly byte[][] KindBytes = [.. KindNames.Select(Encoding.UTF8.GetBytes)];

    private readonly SymbolTable _table = symbols.Table;

    // Blocks that repeat from session to session (assemblies, model), read once.
    private readonly JsonBlocks _blocks = new();

    // The last symbol read for each field: names, roles, types and sessions repeat from line to line,
    // and comparing with the last one costs less than hashing and probing the table.
    private readonly int[] _last = new int[Enum.GetValues<Field>().Length];
    private byte[] _buffer = new byte[1024];

    public enum Outcome
    {
        Record,
        Foreign,
        Problem,
    }

    /// <summary>Decodes one line into <paramref name="record"/>.</summary>
    /// <returns>Whether the line is a record, another logger's event, or a problem (<paramref name="problem"/> says why).</returns>
    public Outcome Decode(ReadOnlySpan<byte> line, DecodedRecord record, out string? problem)
    {
        record.Clear();
        problem = null;
        _badTime = null;
        _eventTime = null;
        Range schema = default;
        try
        {
            var reader = new Utf8JsonReader(line);
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                problem = NotAnObject;
                return Outcome.Problem;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = FieldOf(ref reader);
                reader.Read();
                if (field is Field.Kind or Field.SchemaVersion && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    // Not a kind: an object here is passed over whole, never read as the record's own fields (found by fuzzing).
                    reader.Skip();
                    continue;
                }

                switch (field)
                {
                    case Field.Kind:
                        record.Kind = reader.TokenType == JsonTokenType.String ? KindOf(ref reader) ?? reader.GetString() : null;
                        break;
                    case Field.SchemaVersion:
                        schema = Place(ref reader);
                        break;
                    case Field.Parameters:
                        ReadParameters(ref reader, line, record);
                        break;
                    case Field.ParameterTypes:
                        ReadParameterTypes(ref reader, record);
                        break;
                    case Field.Used:
                        ReadPairs(ref reader, Field.UsedId, Field.UsedRole, record.Used);
                        break;
                    case Field.Generated:
                        ReadPairs(ref reader, Field.GeneratedId, Field.GeneratedRole, record.Generated);
                        break;
                    case Field.Derivations:
                        ReadPairs(ref reader, Field.GeneratedId, Field.ProgenitorId, record.Derivations);
                        break;
                    case Field.MemberIds:
                        ReadMembers(ref reader, record.Members);
                        break;
                    default:
                        ReadScalar(ref reader, line, field, record);
                        break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                throw new JsonException("the object is not closed");
            }

            if (reader.BytesConsumed < line.TrimEnd(" \t"u8).Length)
            {
                throw new JsonException(TextAfterObject);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            problem = NotComplete(e.Message);
            return Outcome.Problem;
        }

        if (record.Kind is null)
        {
            return Outcome.Foreign;
        }

        if (!RecordKinds.All.Contains(record.Kind))
        {
            problem = UnknownKind(record.Kind, schema.Equals(default(Range)) ? null : Encoding.UTF8.GetString(line[schema]));
            return Outcome.Problem;
        }

        if (record.ParameterTypes.Count > 0)
        {
            record.ApplyParameterTypes(symbols);
        }

        // Not when a time of the line was impossible: then it stays unknown, as reported.
        if (_badTime is null)
        {
            record.TakeEventTime(_eventTime);
        }

        problem = _badTime;

        if (record.Kind == RecordKinds.Session)
        {
            try
            {
                record.SessionFields = JsonValues.Object(line, _blocks);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                // The typed pass and the plain one must agree on what a record is; should they not, the line is a problem, not a crash.
                problem = NotComplete(e.Message);
                return Outcome.Problem;
            }
        }

        return Outcome.Record;
    }

    internal const string NotAnObject = "expected a JSON object (a CLEF event)";

    // Two events on one line (a lost newline) are not taken as the first alone.
    internal const string TextAfterObject = "text follows the object (two events on one line?)";

    internal static string NotComplete(string why) => $"not a complete JSON object (a line cut mid-write?): {why}";

    internal static string UnknownKind(string kind, string? schema)
        => $"unknown record kind '{kind}' (schema {schema}); expected one of {string.Join(", ", RecordKinds.All.Order())}";

    // Where a scalar's text is in the line: the schema version is only needed as text for a problem message.
    private static Range Place(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
        {
            return default;
        }

        var start = (int)reader.TokenStartIndex + (reader.TokenType == JsonTokenType.String ? 1 : 0);
        return start..(start + reader.ValueSpan.Length);
    }

    private static Field FieldOf(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.ValueSpan.Length >= FieldsByLength.Length)
        {
            return Field.Unknown;
        }

        var name = reader.ValueSpan;
        foreach (var (bytes, field) in FieldsByLength[name.Length])
        {
            if (name.SequenceEqual(bytes))
            {
                return field;
            }
        }

        return Field.Unknown;
    }

    private static string? KindOf(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
        {
            return null;
        }

        for (var i = 0; i < KindBytes.Length; i++)
        {
            if (reader.ValueSpan.SequenceEqual(KindBytes[i]))
            {
                return KindNames[i];
            }
        }

        return null;
    }

    private void ReadScalar(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, Field field, DecodedRecord record)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            if (field == Field.Value)
            {
                record.Value = RawLiteral(ref reader, line);
            }
            else
            {
                reader.Skip();
            }

            return;
        }

        switch (field)
        {
            case Field.Unknown:
                return;
            case Field.Run:
                record.Run = Number(ref reader, ref _lastRun);
                return;
            case Field.Subrun:
                record.Subrun = Number(ref reader, ref _lastSubrun);
                return;
            case Field.StartTime:
                record.StartTime = Time(ref reader, RecordFields.StartTime);
                return;
            case Field.EndTime:
                record.EndTime = Time(ref reader, RecordFields.EndTime);
                return;
            case Field.EventTime:
                _eventTime = Time(ref reader, "@t");
                return;
            case Field.Size:
                record.Size = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var size) ? size
                    : long.TryParse(Text(ref reader), NumberStyles.Integer, CultureInfo.InvariantCulture, out size) ? size : null;
                return;
            case Field.Missing:
                record.Missing = reader.TokenType == JsonTokenType.True;
                return;
            case Field.Value:
                record.Value = Literal(ref reader);
                return;
            case Field.ExceptionType:
                record.ExceptionType = Text(ref reader);
                return;
            case Field.ExceptionMessage:
                record.ExceptionMessage = Text(ref reader);
                return;
        }

        // Fields the merge does not use for this kind are not interned.
        if (field == Field.InSession && record.Kind is RecordKinds.Entity or RecordKinds.ActivityEnd
            || field == Field.Name && record.Kind == RecordKinds.ActivityEnd)
        {
            return;
        }

        var symbol = field == Field.Hash && record.EntityId != SymbolTable.None && reader.TokenType == JsonTokenType.String && _table.Bytes(record.EntityId).SequenceEqual(Unescaped(ref reader))
            ? record.EntityId
            : Symbol(ref reader, field);
        switch (field)
        {
            case Field.ActivityId: record.ActivityId = symbol; break;
            case Field.EntityId: record.EntityId = symbol; break;
            case Field.SessionId: record.SessionId = symbol; break;
            case Field.SessionTag: record.SessionTag = symbol; break;
            case Field.Name: record.Name = symbol; break;
            case Field.InSession: record.InSession = symbol; break;
            case Field.AgentName: record.AgentName = symbol; break;
            case Field.ParentActivityId: record.ParentActivityId = symbol; break;
            case Field.Status: record.Status = symbol; break;
            case Field.ObservationDate: record.ObservationDate = symbol; break;
            case Field.EntityType: record.EntityType = symbol; break;
            case Field.Location: record.Location = symbol; break;
            case Field.Hash: record.Hash = symbol; break;
            case Field.HashType: record.HashType = symbol; break;
            case Field.ContentType: record.ContentType = symbol; break;
            case Field.ArchivePath: record.ArchivePath = symbol; break;
            case Field.Problem: record.Problem = symbol; break;
            case Field.Collection: record.Collection = symbol; break;
            case Field.UsedId: record.UsedId = symbol; break;
            case Field.UsedRole: record.UsedRole = symbol; break;
            case Field.GeneratedId: record.GeneratedId = symbol; break;
            case Field.GeneratedRole: record.GeneratedRole = symbol; break;
            case Field.ProgenitorId: record.ProgenitorId = symbol; break;
            case Field.MemberId: record.MemberId = symbol; break;
        }
    }

    private void ReadParameters(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, DecodedRecord record)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = _table.Intern(Unescaped(ref reader));
            reader.Read();
            record.Parameters.Add((name, reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray ? RawLiteral(ref reader, line) : Literal(ref reader)));
        }
    }

    private void ReadParameterTypes(ref Utf8JsonReader reader, DecodedRecord record)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = _table.Intern(Unescaped(ref reader));
            reader.Read();
            if (reader.TokenType == JsonTokenType.String && RecordSymbols.KnownXsdName(Unescaped(ref reader)) is { } type)
            {
                record.ParameterTypes.Add((name, type));
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private void ReadPairs(ref Utf8JsonReader reader, Field first, Field second, List<(int, int)> into)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            int a = SymbolTable.None, b = SymbolTable.None;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = FieldOf(ref reader);
                reader.Read();
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray || reader.TokenType == JsonTokenType.Null)
                {
                    reader.Skip();
                }
                else if (field == first)
                {
                    a = Symbol(ref reader, field);
                }
                else if (field == second)
                {
                    b = Symbol(ref reader, field);
                }
            }

            if (a != SymbolTable.None)
            {
                into.Add((a, b));
            }
        }
    }

    private void ReadMembers(ref Utf8JsonReader reader, List<int> into)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
            else if (reader.TokenType != JsonTokenType.Null)
            {
                into.Add(Symbol(ref reader));
            }
        }
    }

    private int Symbol(ref Utf8JsonReader reader, Field field)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return Symbol(ref reader);
        }

        var text = Unescaped(ref reader);
        ref var last = ref _last[(int)field];
        if (last != SymbolTable.None && _table.Bytes(last).SequenceEqual(text))
        {
            return last;
        }

        return last = _table.Intern(text);
    }

    // A scalar as a symbol of its invariant text (strings unescaped, numbers and booleans as written).
    private int Symbol(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => SymbolTable.None,
        JsonTokenType.String => _table.Intern(Unescaped(ref reader)),
        JsonTokenType.Number => reader.TryGetInt64(out var n) ? Format(n)
            : RecordSymbols.IsInteger(reader.ValueSpan) ? _table.Intern(reader.ValueSpan)
            : _table.Intern(RecordSymbols.Invariant(reader.GetDouble(), stackalloc byte[40])),
        _ => _table.Intern(reader.TokenType == JsonTokenType.True ? "true"u8 : "false"u8),
    };

    // Run and subrun numbers compare as numbers: "01618" and 1618 are one run.
    private (long Number, int Symbol) _lastRun;
    private (long Number, int Symbol) _lastSubrun;

    private int Number(ref Utf8JsonReader reader, ref (long Number, int Symbol) last)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
        {
            if (last.Symbol == SymbolTable.None || last.Number != number)
            {
                last = (number, Format(number));
            }

            return last.Symbol;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return Symbol(ref reader);
        }

        var text = Unescaped(ref reader).Trim(" \t"u8);
        return text.Length > 0 && text.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0 && Utf8Parser.TryParse(text, out long value, out var used) && used == text.Length
            ? Format(value)
            : _table.Intern(text);
    }

    private int Format(long number) => _table.Intern(RecordSymbols.Invariant(number, stackalloc byte[24]));

    // A time that is no time (2020-13-45T99:99:99): the record is kept with the time unknown, and said so.
    private string? _badTime;

    // The line's @t, if it is a time.
    private DateTimeOffset? _eventTime;

    private DateTimeOffset? Time(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        var text = Unescaped(ref reader);
        if (IsoTimes.TryParseCommon(text, out var time))
        {
            return time;
        }

        var written = Encoding.UTF8.GetString(text);
        if (DateTimeOffset.TryParse(written, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time))
        {
            return time;
        }

        _badTime = $"{field} '{written}' is not a time: the record is kept with its {field} unknown";
        return null;
    }

    private int Literal(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => 0,
        JsonTokenType.String => symbols.Literal(Unescaped(ref reader), LiteralType.String),
        JsonTokenType.Number => reader.TryGetInt64(out var n) ? symbols.Literal(n)
            : RecordSymbols.IsInteger(reader.ValueSpan) ? symbols.Literal(reader.ValueSpan, LiteralType.Integer)
            : symbols.Literal(reader.GetDouble()),
        _ => symbols.Literal(reader.TokenType == JsonTokenType.True),
    };

    // A nested object or array kept as its JSON text.
    private int RawLiteral(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return symbols.Literal(line[start..(int)reader.BytesConsumed], LiteralType.String);
    }

    private string? Text(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => Encoding.UTF8.GetString(reader.ValueSpan),
    };

    private ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        if (_buffer.Length < reader.ValueSpan.Length)
        {
            _buffer = new byte[reader.ValueSpan.Length];
        }

        return _buffer.AsSpan(0, reader.CopyString(_buffer));
    }

    private static (byte[], Field)[][] BuildFields()
    {
        var names = new (string, Field)[]
        {
            (RecordFields.Kind, Field.Kind), (RecordFields.SchemaVersion, Field.SchemaVersion), (RecordFields.ActivityId, Field.ActivityId),
            (RecordFields.EntityId, Field.EntityId), (RecordFields.SessionId, Field.SessionId), (RecordFields.SessionTag, Field.SessionTag),
            (RecordFields.Name, Field.Name), (RecordFields.InSession, Field.InSession), (RecordFields.AgentName, Field.AgentName),
            (RecordFields.ParentActivityId, Field.ParentActivityId), (RecordFields.Status, Field.Status), (RecordFields.ExceptionType, Field.ExceptionType),
            (RecordFields.ExceptionMessage, Field.ExceptionMessage), (RecordFields.ObservationDate, Field.ObservationDate), (RecordFields.Run, Field.Run),
            (RecordFields.Subrun, Field.Subrun), (RecordFields.StartTime, Field.StartTime), (RecordFields.EndTime, Field.EndTime), ("@t", Field.EventTime),
            (RecordFields.EntityType, Field.EntityType), (RecordFields.Location, Field.Location), (RecordFields.Hash, Field.Hash),
            (RecordFields.HashType, Field.HashType), (RecordFields.Size, Field.Size), (RecordFields.ContentType, Field.ContentType),
            (RecordFields.ArchivePath, Field.ArchivePath), (RecordFields.Collection, Field.Collection), (RecordFields.Missing, Field.Missing), (RecordFields.Problem, Field.Problem),
            (RecordFields.Value, Field.Value), (RecordFields.UsedId, Field.UsedId), (RecordFields.UsedRole, Field.UsedRole),
            (RecordFields.GeneratedId, Field.GeneratedId), (RecordFields.GeneratedRole, Field.GeneratedRole), (RecordFields.ProgenitorId, Field.ProgenitorId),
            (RecordFields.MemberId, Field.MemberId), (RecordFields.Parameters, Field.Parameters), (RecordFields.ParameterTypes, Field.ParameterTypes), (RecordFields.Used, Field.Used),
            (RecordFields.Generated, Field.Generated), (RecordFields.Derivations, Field.Derivations), (RecordFields.MemberIds, Field.MemberIds),
        };
        var byLength = new (byte[], Field)[32][];
        foreach (var group in names.Select(n => (Encoding.UTF8.GetBytes(n.Item1), n.Item2)).GroupBy(n => n.Item1.Length))
        {
            byLength[group.Key] = [.. group];
        }

        for (var i = 0; i < byLength.Length; i++)
        {
            byLength[i] ??= [];
        }

        return byLength;
    }
}
