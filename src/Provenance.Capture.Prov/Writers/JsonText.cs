using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Provenance.Capture.Prov.Writers;

/// <summary>
/// JSON text made straight into a byte buffer, byte for byte as <see cref="Utf8JsonWriter"/> with default
/// options makes it (indented by two spaces, the same escaping), for the PROV-JSON writer's few shapes:
/// objects, arrays, strings. Names and values already in UTF-8 (a merge's symbols) are copied as they are
/// when no character of them needs escaping; anything else is escaped by a <see cref="Utf8JsonWriter"/>,
/// so the two can never differ. A filled buffer goes to <see cref="Flush"/>'s sink at item boundaries.
/// </summary>
internal sealed class JsonText
{
    /// <summary>How large the buffer grows before <see cref="FlushIfFull"/> hands it on.</summary>
    public const int FlushSize = 1 << 20;

    // What Utf8JsonWriter writes as it is with the default encoder: printable ASCII but for " \ & ' + < > `.
    private static readonly SearchValues<byte> PlainBytes = SearchValues.Create(PlainAscii().Select(c => (byte)c).ToArray());
    private static readonly SearchValues<char> PlainChars = SearchValues.Create(PlainAscii());

    private readonly bool _indented;
    private readonly byte[] _newLine = Encoding.UTF8.GetBytes(Environment.NewLine);
    private readonly Func<byte[], int, byte[]> _sink;
    private byte[] _buffer = new byte[FlushSize + (FlushSize >> 2)];
    private int _length;
    private int _depth;
    // Bit d set: the container at depth d has an item already (a comma goes before the next).
    private ulong _hasItems;
    private bool _afterName;
    private byte[]? _pending;
    private bool _pendingOpened;
    private ArrayBufferWriter<byte>? _escaped;
    private Utf8JsonWriter? _escaper;

    /// <summary>Creates a text.</summary>
    /// <param name="indented">Indent as <see cref="JsonWriterOptions.Indented"/> does.</param>
    /// <param name="sink">Takes each full buffer (and the last) and how many bytes it holds; returns the buffer to go on with (the same, or another).</param>
    public JsonText(bool indented, Func<byte[], int, byte[]> sink)
    {
        _indented = indented;
        _sink = sink;
    }

    /// <summary>
    /// A text that goes on inside a document's root object after its first member (one part of a
    /// document written by several threads): its first property comes after a comma.
    /// </summary>
    /// <param name="indented">Indent as <see cref="JsonWriterOptions.Indented"/> does.</param>
    /// <param name="sink">As for the constructor.</param>
    /// <returns>The text.</returns>
    public static JsonText InsideRoot(bool indented, Func<byte[], int, byte[]> sink)
        => new(indented, sink) { _depth = 1, _hasItems = 0b11 };

    /// <summary>Whether UTF-8 text is written as it is, with nothing to escape.</summary>
    /// <param name="utf8">The text.</param>
    /// <returns>True when every byte is printable ASCII that <see cref="Utf8JsonWriter"/> leaves alone.</returns>
    public static bool IsPlain(ReadOnlySpan<byte> utf8) => !utf8.ContainsAnyExcept(PlainBytes);

    /// <summary>Hands the buffer on when it holds more than <see cref="FlushSize"/> bytes (call between items).</summary>
    public void FlushIfFull()
    {
        if (_length >= FlushSize)
        {
            Flush();
        }
    }

    /// <summary>Hands the bytes written so far on.</summary>
    public void Flush()
    {
        if (_length == 0)
        {
            return;
        }

        _buffer = _sink(_buffer, _length);
        _length = 0;
    }

    /// <summary>Starts an object (the document, an array item, or a property's value).</summary>
    public void StartObject()
    {
        Value();
        Byte((byte)'{');
        Push();
    }

    /// <summary>Starts an object as a property's value.</summary>
    /// <param name="name">The property name.</param>
    public void StartObject(ReadOnlySpan<byte> name)
    {
        Name(name);
        StartObject();
    }

    /// <summary>Starts an object as a property's value.</summary>
    /// <param name="name">The property name.</param>
    public void StartObject(string name)
    {
        Name(name);
        StartObject();
    }

    /// <summary>Ends the innermost object.</summary>
    public void EndObject() => End((byte)'}');

    /// <summary>Starts an array as a property's value.</summary>
    /// <param name="name">The property name.</param>
    public void StartArray(string name)
    {
        Name(name);
        Value();
        Byte((byte)'[');
        Push();
    }

    /// <summary>Ends the innermost array.</summary>
    public void EndArray() => End((byte)']');

    /// <summary>
    /// An object property whose object is written only if something goes into it (a document's section):
    /// the name is held until the first item, and <see cref="EndLater"/> closes the object only if it was opened.
    /// </summary>
    /// <param name="name">The property name (plain ASCII).</param>
    public void StartLater(ReadOnlySpan<byte> name)
    {
        _pending = name.ToArray();
        _pendingOpened = false;
    }

    /// <summary>Ends what <see cref="StartLater"/> began, if anything went into it.</summary>
    public void EndLater()
    {
        if (_pendingOpened)
        {
            EndObject();
        }

        _pending = null;
        _pendingOpened = false;
    }

    /// <summary>A property name.</summary>
    /// <param name="name">UTF-8 name.</param>
    public void Name(ReadOnlySpan<byte> name)
    {
        Item();
        Quoted(name);
        Colon();
    }

    /// <summary>A property name.</summary>
    /// <param name="name">The name.</param>
    public void Name(string name)
    {
        Item();
        Quoted(name);
        Colon();
    }

    /// <summary>A property name made of a plain ASCII head and a number, e.g. <c>_:u12</c>.</summary>
    /// <param name="head">The head (no character to escape).</param>
    /// <param name="number">The number.</param>
    public void Name(ReadOnlySpan<byte> head, int number)
    {
        Item();
        var span = Room(head.Length + 13);
        span[0] = (byte)'"';
        head.CopyTo(span[1..]);
        Utf8Formatter.TryFormat(number, span[(1 + head.Length)..], out var digits);
        span[1 + head.Length + digits] = (byte)'"';
        _length += head.Length + digits + 2;
        Colon();
    }

    /// <summary>A property name that is a qualified name: a plain head and a local part (letters, digits, <c>_ - .</c>: nothing to escape).</summary>
    /// <param name="head">The prefix and colon, e.g. <c>ent:</c>.</param>
    /// <param name="local">The local part.</param>
    public void QualifiedName(ReadOnlySpan<byte> head, ReadOnlySpan<byte> local)
    {
        Item();
        Plain(head, local);
        Colon();
    }

    /// <summary>A string property whose value is a qualified name (see <see cref="QualifiedName(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>).</summary>
    /// <param name="name">UTF-8 name.</param>
    /// <param name="head">The prefix and colon.</param>
    /// <param name="local">The local part.</param>
    public void QualifiedName(ReadOnlySpan<byte> name, ReadOnlySpan<byte> head, ReadOnlySpan<byte> local)
    {
        Name(name);
        Value();
        Plain(head, local);
    }

    /// <summary>A property whose value is a number as a string, e.g. <c>"$": "100000032"</c>.</summary>
    /// <param name="name">UTF-8 name.</param>
    /// <param name="number">The number.</param>
    public void NumberText(ReadOnlySpan<byte> name, long number)
    {
        Name(name);
        Value();
        var span = Room(22);
        span[0] = (byte)'"';
        Utf8Formatter.TryFormat(number, span[1..], out var digits);
        span[1 + digits] = (byte)'"';
        _length += digits + 2;
    }

    /// <summary>A string property.</summary>
    /// <param name="name">UTF-8 name.</param>
    /// <param name="value">UTF-8 value.</param>
    public void String(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        Name(name);
        Value();
        Quoted(value);
    }

    /// <summary>A string property.</summary>
    /// <param name="name">UTF-8 name.</param>
    /// <param name="value">The value.</param>
    public void String(ReadOnlySpan<byte> name, string value)
    {
        Name(name);
        Value();
        Quoted(value);
    }

    private void Plain(ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        System.Diagnostics.Debug.Assert(!head.ContainsAnyExcept(PlainBytes) && !tail.ContainsAnyExcept(PlainBytes), "a qualified name holds only plain characters");
        var span = Room(head.Length + tail.Length + 2);
        span[0] = (byte)'"';
        head.CopyTo(span[1..]);
        tail.CopyTo(span[(1 + head.Length)..]);
        span[1 + head.Length + tail.Length] = (byte)'"';
        _length += head.Length + tail.Length + 2;
    }

    /// <summary>A string value (in an array, or after <see cref="Name(string)"/>).</summary>
    /// <param name="value">The value.</param>
    public void StringValue(string value)
    {
        Value();
        Quoted(value);
    }

    /// <summary>An xsd:dateTime property as <see cref="Document.ProvTime.Format"/> writes it.</summary>
    /// <param name="name">UTF-8 name.</param>
    /// <param name="time">The time.</param>
    public void Time(ReadOnlySpan<byte> name, DateTimeOffset time)
    {
        Name(name);
        Value();
        var span = Room(TimeText.MaxLength + 2);
        span[0] = (byte)'"';
        _length += 1 + TimeText.Format(time, span[1..]);
        Byte((byte)'"');
    }

    private void Value()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }

        Item();
    }

    // Before a property or an array item: the comma, the new line and the indentation.
    private void Item()
    {
        if (_pending is not null && !_pendingOpened)
        {
            _pendingOpened = true;
            var name = _pending;
            _pending = null;
            StartObject(name);
            _pending = name;
        }

        var bit = 1UL << _depth;
        if ((_hasItems & bit) != 0)
        {
            Byte((byte)',');
        }
        else
        {
            _hasItems |= bit;
        }

        if (_indented && _depth > 0)
        {
            NewLine(_depth);
        }
    }

    private void Colon()
    {
        if (_indented)
        {
            var span = Room(2);
            span[0] = (byte)':';
            span[1] = (byte)' ';
            _length += 2;
        }
        else
        {
            Byte((byte)':');
        }

        _afterName = true;
    }

    private void Push()
    {
        _depth++;
        if (_depth >= 64)
        {
            throw new InvalidOperationException("JSON nested deeper than 63 levels");
        }
    }

    // Clears the closed container's bit: no bit deeper than the current depth is ever set, so a new container starts empty.
    private void End(byte close)
    {
        var had = (_hasItems & (1UL << _depth)) != 0;
        _hasItems &= ~(1UL << _depth);
        _depth--;
        if (had && _indented)
        {
            NewLine(_depth);
        }

        Byte(close);
    }

    private void NewLine(int depth)
    {
        var span = Room(_newLine.Length + (2 * depth));
        _newLine.CopyTo(span);
        span.Slice(_newLine.Length, 2 * depth).Fill((byte)' ');
        _length += _newLine.Length + (2 * depth);
    }

    private void Quoted(ReadOnlySpan<byte> utf8)
    {
        if (utf8.ContainsAnyExcept(PlainBytes))
        {
            // Bytes that are not UTF-8 become U+FFFD, as a merge's symbol text does.
            Escaped(Encoding.UTF8.GetString(utf8));
            return;
        }

        var span = Room(utf8.Length + 2);
        span[0] = (byte)'"';
        utf8.CopyTo(span[1..]);
        span[utf8.Length + 1] = (byte)'"';
        _length += utf8.Length + 2;
    }

    private void Quoted(string text)
    {
        if (text.AsSpan().ContainsAnyExcept(PlainChars))
        {
            Escaped(text);
            return;
        }

        var span = Room(text.Length + 2);
        span[0] = (byte)'"';
        Encoding.ASCII.GetBytes(text, span[1..]);
        span[text.Length + 1] = (byte)'"';
        _length += text.Length + 2;
    }

    // The rare text with a character to escape: the writer this text matches writes it.
    private void Escaped(string text)
    {
        _escaped ??= new ArrayBufferWriter<byte>();
        _escaper ??= new Utf8JsonWriter(_escaped);
        _escaper.WriteStringValue(text);
        _escaper.Flush();
        _escaped.WrittenSpan.CopyTo(Room(_escaped.WrittenCount));
        _length += _escaped.WrittenCount;
        _escaped.ResetWrittenCount();
        _escaper.Reset();
    }

    private void Byte(byte value)
    {
        Room(1)[0] = value;
        _length++;
    }

    private Span<byte> Room(int size)
    {
        if (_length + size > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + size));
        }

        return _buffer.AsSpan(_length);
    }

    private static string PlainAscii()
    {
        var plain = new StringBuilder();
        for (var c = ' '; c <= '~'; c++)
        {
            if (c is not ('"' or '\\' or '&' or '\'' or '+' or '<' or '>' or '`'))
            {
                plain.Append(c);
            }
        }

        return plain.ToString();
    }
}
