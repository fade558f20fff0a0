using System.Text.Json;

namespace Provenance.Capture.Prov.Validation;

/// <summary>
/// Walks a JSON document of the shape <c>{"section": {"member": value, …}, …}</c> from a stream,
/// handing over each member's value as raw JSON, so that a document of any size is read with a
/// buffer the size of its largest member.
/// </summary>
internal static class JsonSections
{
    /// <summary>The bytes read at once; a member larger grows the buffer.</summary>
    public const int BufferBytes = 1 << 20;

    /// <summary>A member of a section, or a section whose value is not an object (<paramref name="member"/> null).</summary>
    public delegate void MemberHandler(string section, string? member, ReadOnlySpan<byte> json);

    /// <summary>Walks the document.</summary>
    /// <returns>Null when the document was read to its end, else why it could not be (not JSON, not an object).</returns>
    public static string? Walk(Stream stream, Action<string> onSection, MemberHandler onMember)
    {
        var buffer = new byte[BufferBytes];
        var length = 0;
        var final = false;
        long offset = 0;
        var state = default(JsonReaderState);
        var depth = 0;
        string? section = null;
        while (true)
        {
            while (!final && length < buffer.Length)
            {
                var read = stream.Read(buffer, length, buffer.Length - length);
                final = read == 0;
                length += read;
            }

            var reader = new Utf8JsonReader(buffer.AsSpan(0, length), final, state);
            try
            {
                while (true)
                {
                    var checkpoint = reader;
                    if (!Step(ref reader, buffer, ref depth, ref section, onSection, onMember))
                    {
                        reader = checkpoint;
                        break;
                    }

                    if (depth == 0)
                    {
                        return null;
                    }
                }
            }
            catch (JsonException e)
            {
                return $"not valid JSON near byte {offset + reader.BytesConsumed}: {e.Message}";
            }
            catch (InvalidDataException e)
            {
                return e.Message;
            }

            if (final)
            {
                return $"the document ends before its closing brace (byte {offset + length})";
            }

            var consumed = (int)reader.BytesConsumed;
            state = reader.CurrentState;
            if (consumed == 0 && length == buffer.Length)
            {
                // One member is larger than the buffer: grow it.
                Array.Resize(ref buffer, buffer.Length * 2);
                continue;
            }

            buffer.AsSpan(consumed, length - consumed).CopyTo(buffer);
            length -= consumed;
            offset += consumed;
        }
    }

    // One step: the root's start, a section's start or end, or one whole member. False when the
    // buffer ends before the step does (the caller rewinds and reads more).
    private static bool Step(ref Utf8JsonReader reader, byte[] buffer, ref int depth, ref string? section, Action<string> onSection, MemberHandler onMember)
    {
        if (!reader.Read())
        {
            return false;
        }

        switch (depth)
        {
            case 0:
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new InvalidDataException("a PROV-JSON document is a JSON object");
                }

                depth = 1;
                return true;
            case 1 when reader.TokenType == JsonTokenType.EndObject:
                depth = 0;
                return true;
            case 1:
                var name = reader.GetString()!;
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    section = name;
                    onSection(name);
                    depth = 2;
                    return true;
                }

                return Value(ref reader, buffer, name, null, onMember);
            default:
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    depth = 1;
                    return true;
                }

                var member = reader.GetString()!;
                return reader.Read() && Value(ref reader, buffer, section!, member, onMember);
        }
    }

    private static bool Value(ref Utf8JsonReader reader, byte[] buffer, string section, string? member, MemberHandler onMember)
    {
        var start = (int)reader.TokenStartIndex;
        if (!reader.TrySkip())
        {
            return false;
        }

        onMember(section, member, buffer.AsSpan(start, (int)reader.BytesConsumed - start));
        return true;
    }
}
