using System.Buffers;
using System.Collections;

namespace Provenance.Capture.Prov.Readers;

/// <summary>
/// Splits a stream into lines of UTF-8 bytes without decoding them to strings. A line is valid until
/// the next one is requested; the last line may lack its newline (a log cut mid-write). A line of
/// <paramref name="maxLineBytes"/> or more is never held whole: it comes back empty, marked too long.
/// </summary>
internal sealed class Utf8LineReader(Stream stream, int maxLineBytes) : IEnumerable<(ReadOnlyMemory<byte> Line, bool TooLong)>
{
    public IEnumerator<(ReadOnlyMemory<byte> Line, bool TooLong)> GetEnumerator()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            var start = 0;
            var end = 0;
            while (true)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    yield return newline >= maxLineBytes ? (default, true) : (buffer.AsMemory(start, newline), false);
                    start += newline + 1;
                    continue;
                }

                // Move the partial line to the front, growing the buffer for very long lines.
                var pending = end - start;
                if (pending >= maxLineBytes)
                {
                    // Too long to keep: pass over the rest of it without holding it.
                    if (!SkipPastNewline(buffer, out start, out end))
                    {
                        yield return (default, true);
                        yield break;
                    }

                    yield return (default, true);
                    continue;
                }

                if (pending == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(start, pending).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                else if (start > 0)
                {
                    buffer.AsSpan(start, pending).CopyTo(buffer);
                }

                start = 0;
                end = pending;
                var read = stream.Read(buffer, end, buffer.Length - end);
                if (read == 0)
                {
                    if (end > 0)
                    {
                        yield return (buffer.AsMemory(0, end), false);
                    }

                    yield break;
                }

                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Reads on until a newline; true with the text after it in buffer[start..end], false at the end of the stream.
    private bool SkipPastNewline(byte[] buffer, out int start, out int end)
    {
        while (true)
        {
            var read = stream.Read(buffer, 0, buffer.Length);
            if (read == 0)
            {
                start = end = 0;
                return false;
            }

            var newline = buffer.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                start = newline + 1;
                end = read;
                return true;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
