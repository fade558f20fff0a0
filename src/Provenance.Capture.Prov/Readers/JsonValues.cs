using System.Globalization;
using System.Text;
using System.Text.Json;
using Provenance.Capture.Prov.Symbols;
using Provenance.Capture.Records;

namespace Provenance.Capture.Prov.Readers;

/// <summary>
/// A JSON object as a dictionary of plain values (strings, <see cref="long"/>, <see cref="System.Numerics.BigInteger"/> beyond 64 bits or <see cref="double"/>,
/// booleans, nested dictionaries and lists). Not a CLEF decoder: <see cref="ClefRecordReader"/> decides
/// what a line is; this only gives the open-ended fields of a session record their values.
/// </summary>
internal static class JsonValues
{
    /// <summary>The members of the JSON object <paramref name="json"/> starts with.</summary>
    /// <param name="json">UTF-8 text starting with an object (already checked by the caller).</param>
    /// <returns>The members by name.</returns>
    /// <exception cref="JsonException">The text is not a JSON object.</exception>
    public static Dictionary<string, object?> Object(ReadOnlySpan<byte> json) => Object(json, null);

    /// <summary>
    /// The members of the JSON object <paramref name="json"/> starts with; nested objects and arrays
    /// read before from the same bytes are shared through <paramref name="blocks"/> (a session's list of
    /// assemblies is the same in every job of a night). The outer dictionary is always new.
    /// </summary>
    /// <param name="json">UTF-8 text starting with an object (already checked by the caller).</param>
    /// <param name="blocks">What earlier records left, or null.</param>
    /// <returns>The members by name.</returns>
    /// <exception cref="JsonException">The text is not a JSON object.</exception>
    public static Dictionary<string, object?> Object(ReadOnlySpan<byte> json, JsonBlocks? blocks)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("expected a JSON object");
        }

        return ReadObject(ref reader, json, blocks);
    }

    private static Dictionary<string, object?> ReadObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, JsonBlocks? blocks)
    {
        var result = new Dictionary<string, object?>(16, StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = KnownName(ref reader) ?? reader.GetString()!;
            reader.Read();
            result[name] = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && blocks is not null
                ? Block(ref reader, json, blocks)
                : ReadValue(ref reader, json, blocks);
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

    // A nested object or array: the one read before from the same bytes, else read and remembered.
    private static object? Block(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, JsonBlocks blocks)
    {
        var start = (int)reader.TokenStartIndex;
        var end = reader;
        end.Skip();
        var text = json[start..(int)end.BytesConsumed];
        if (blocks.TryGet(text, out var known))
        {
            reader = end;
            return known;
        }

        var value = ReadValue(ref reader, json, blocks);
        blocks.Add(text, value);
        return value;
    }

    private static object? ReadValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, JsonBlocks? blocks) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        // Cast each branch: a bare `? long : double` would widen every integer to double.
        JsonTokenType.Number => reader.TryGetInt64(out var integer) ? integer
            : RecordSymbols.IsInteger(reader.ValueSpan) ? System.Numerics.BigInteger.Parse(Encoding.UTF8.GetString(reader.ValueSpan), CultureInfo.InvariantCulture)
            : (object)reader.GetDouble(),
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        JsonTokenType.StartObject => ReadObject(ref reader, json, blocks),
        JsonTokenType.StartArray => ReadArray(ref reader, json, blocks),
        _ => throw new JsonException($"unexpected {reader.TokenType}"),
    };

    private static List<object?> ReadArray(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, JsonBlocks? blocks)
    {
        var result = new List<object?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            result.Add(ReadValue(ref reader, json, blocks));
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("the array is not closed");
        }

        return result;
    }
}
