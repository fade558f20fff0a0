using System.Text;

namespace Provenance.Capture.Prov.Writers;

/// <summary>
/// Lines of a text format (PROV-N, DOT) made into a UTF-8 byte buffer that goes to a sink when full,
/// as <see cref="JsonText"/> does for PROV-JSON: a part of a document written on another thread, or the
/// whole of it, without a <see cref="TextWriter"/> in between.
/// </summary>
internal sealed class LineText
{
    private readonly Func<byte[], int, byte[]> _sink;
    private byte[] _buffer = new byte[JsonText.FlushSize + (JsonText.FlushSize >> 2)];
    private int _length;

    /// <summary>Creates a text.</summary>
    /// <param name="sink">Takes each full buffer (and the last) and how many bytes it holds; returns the buffer to go on with.</param>
    public LineText(Func<byte[], int, byte[]> sink) => _sink = sink;

    /// <summary>Adds a text (a line or more), then hands the buffer on if it holds more than <see cref="JsonText.FlushSize"/> bytes.</summary>
    /// <param name="text">The text.</param>
    public void Append(string text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        Ensure(most);

        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
        FlushIfFull();
    }

    /// <summary>Adds UTF-8 bytes.</summary>
    /// <param name="bytes">The bytes.</param>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);

        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Room for at most <paramref name="size"/> bytes to write at once; <see cref="Advance"/> says how many were.</summary>
    /// <param name="size">The most that will be written.</param>
    /// <returns>The room.</returns>
    public Span<byte> Room(int size)
    {
        Ensure(size);

        return _buffer.AsSpan(_length, size);
    }

    /// <summary>Counts bytes written into <see cref="Room"/>.</summary>
    /// <param name="count">How many.</param>
    public void Advance(int count) => _length += count;

    /// <summary>Hands the buffer on when it holds more than <see cref="JsonText.FlushSize"/> bytes (call at line ends).</summary>
    public void FlushIfFull()
    {
        if (_length >= JsonText.FlushSize)
        {
            Flush();
        }
    }

    // Room for size more bytes: the buffer handed on first if they do not fit, a larger one if they never would.
    private void Ensure(int size)
    {
        if (_length + size > _buffer.Length)
        {
            Flush();
            if (size > _buffer.Length)
            {
                _buffer = new byte[size];
            }
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
}
