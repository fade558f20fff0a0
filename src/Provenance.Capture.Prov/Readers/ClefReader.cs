using System.Text;
using System.Text.Json;
using Provenance.Capture.Records;

namespace Provenance.Capture.Prov.Readers;

/// <summary>
/// Reads the CLEF logs written by capture: one JSON object a line. Lines of other loggers (no
/// <c>prov_kind</c>) are passed over silently; a cut or non-JSON line, or an unknown kind, is a
/// <see cref="ReadProblem"/> and reading goes on.
/// </summary>
internal static class ClefReader
{
    /// <summary>Decodes one line.</summary>
    /// <param name="line">The line.</param>
    /// <param name="file">Its file, for messages.</param>
    /// <param name="lineNumber">Its line number.</param>
    /// <param name="problem">Why the line is unusable, if it is.</param>
    /// <returns>The record, or null for a problem or a foreign event.</returns>
    public static LogRecord? Decode(string line, string file, long lineNumber, out ReadProblem? problem)
        => Decode(Encoding.UTF8.GetBytes(line), file, lineNumber, out problem);

    /// <summary>Decodes one line given as UTF-8 bytes (no intermediate string).</summary>
    /// <param name="line">The line's bytes, without the newline.</param>
    /// <param name="file">Its file, for messages.</param>
    /// <param name="lineNumber">Its line number.</param>
    /// <param name="problem">Why the line is unusable, if it is.</param>
    /// <returns>The record, or null for a problem or a foreign event.</returns>
    public static LogRecord? Decode(ReadOnlySpan<byte> line, string file, long lineNumber, out ReadProblem? problem)
    {
        problem = null;
        Dictionary<string, object?> fields;
        try
        {
            var reader = new Utf8JsonReader(line);
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                problem = new ReadProblem(file, lineNumber, NotAnObject);
                return null;
            }

            fields = ReadObject(ref reader);
            if (reader.BytesConsumed < line.TrimEnd(" \t"u8).Length)
            {
                throw new JsonException(TextAfterObject);
            }
        }
        catch (JsonException e)
        {
            problem = new ReadProblem(file, lineNumber, NotComplete(e.Message));
            return null;
        }

        if (!fields.TryGetValue(RecordFields.Kind, out var kindValue) || kindValue is not string kind)
        {
            return null;
        }

        if (!RecordKinds.All.Contains(kind))
        {
            problem = new ReadProblem(file, lineNumber, UnknownKind(kind, LogRecord.AsText(fields.GetValueOrDefault(RecordFields.SchemaVersion))));
            return null;
        }

        return new LogRecord(kind, fields, file, lineNumber);
    }

    internal const string NotAnObject = "expected a JSON object (a CLEF event)";

    // Two events on one line (a lost newline) are not taken as the first alone.
    internal const string TextAfterObject = "text follows the object (two events on one line?)";

    internal static string NotComplete(string why) => $"not a complete JSON object (a line cut mid-write?): {why}";

    internal static string UnknownKind(string kind, string? schema)
        => $"unknown record kind '{kind}' (schema {schema}); expected one of {string.Join(", ", RecordKinds.All.Order())}";

    private static Dictionary<string, object?> ReadObject(ref Utf8JsonReader reader)
    {
        var result = new Dictionary<string, object?>(16, StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = KnownName(ref reader) ?? reader.GetString()!;
            reader.Read();
            result[name] = ReadValue(ref reader);
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("the object is not closed");
        }

        return result;
    }

    // Field names repeat on every line: return the vocabulary's own string instead of a new one.
    private static readonly (byte[] Utf8, string Name)[][] KnownNames = BuildKnownNames();

    private static (byte[], string)[][] BuildKnownNames()
    {
        var names = typeof(RecordFields).GetFields().Select(f => (string)f.GetValue(null)!)
            .Concat(["@t", "@mt", "@l", "@x", "@r", "SourceContext", "EventId", "Id", "Name"]).Distinct().ToList();
        var byLength = new (byte[], string)[64][];
        foreach (var group in names.Select(n => (Encoding.UTF8.GetBytes(n), n)).GroupBy(p => p.Item1.Length).Where(g => g.Key < 64))
        {
            byLength[group.Key] = [.. group];
        }

        for (var i = 0; i < byLength.Length; i++)
        {
            byLength[i] ??= [];
        }

        return byLength;
    }

    private static string? KnownName(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped || reader.ValueSpan.Length >= KnownNames.Length)
        {
            return null;
        }

        var span = reader.ValueSpan;
        foreach (var (utf8, name) in KnownNames[span.Length])
        {
            if (span.SequenceEqual(utf8))
            {
                return name;
            }
        }

        return null;
    }

    private static object? ReadValue(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        // Cast each branch: a bare `? long : double` would widen every integer to double.
        JsonTokenType.Number => reader.TryGetInt64(out var integer) ? (object)integer : reader.GetDouble(),
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        JsonTokenType.StartObject => ReadObject(ref reader),
        JsonTokenType.StartArray => ReadArray(ref reader),
        _ => throw new JsonException($"unexpected {reader.TokenType}"),
    };

    private static List<object?> ReadArray(ref Utf8JsonReader reader)
    {
        var result = new List<object?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            result.Add(ReadValue(ref reader));
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("the array is not closed");
        }

        return result;
    }
}
