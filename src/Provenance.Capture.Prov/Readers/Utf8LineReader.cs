using System.Buffers;
using System.Collections;

namespace Provenance.Capture.Prov.Readers;

/// <summary>
/// Splits a stream into lines of UTF-8 bytes without decoding them to strings. A line is valid until
/// the next one is requested; the last line may lack its newline (a log cut mid-write).
/// </summary>
internal sealed class Utf8LineReader(Stream stream) : IEnumerable<ReadOnlyMemory<byte>>
{
    public IEnumerator<ReadOnlyMemory<byte>> GetEnumerator()
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
                    yield return buffer.AsMemory(start, newline);
                    start += newline + 1;
                    continue;
                }

                // Move the partial line to the front, growing the buffer for very long lines.
                var pending = end - start;
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
                        yield return buffer.AsMemory(0, end);
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

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
