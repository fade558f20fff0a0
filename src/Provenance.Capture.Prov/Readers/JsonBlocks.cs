using System.IO.Hashing;

namespace Provenance.Capture.Prov.Readers;

/// <summary>
/// Nested JSON objects and arrays of session records, by their exact bytes, so that the same block in
/// every job's session (the loaded assemblies, the model) is read once and shared. The values handed
/// out are shared: callers must not change them. Bounded: beyond its limit nothing more is kept.
/// </summary>
internal sealed class JsonBlocks
{
    /// <summary>Blocks shorter than this are read each time (sharing would cost more than it saves).</summary>
    public const int Smallest = 64;

    private const long MaxBytes = 16L << 20;

    private readonly Dictionary<ulong, List<(byte[] Text, object? Value)>> _blocks = [];
    private long _bytes;

    /// <summary>The block read before from exactly these bytes.</summary>
    public bool TryGet(ReadOnlySpan<byte> text, out object? value)
    {
        value = null;
        if (text.Length < Smallest || !_blocks.TryGetValue(XxHash3.HashToUInt64(text), out var candidates))
        {
            return false;
        }

        foreach (var (known, parsed) in candidates)
        {
            if (text.SequenceEqual(known))
            {
                value = parsed;
                return true;
            }
        }

        return false;
    }

    /// <summary>Remembers the block read from these bytes.</summary>
    public void Add(ReadOnlySpan<byte> text, object? value)
    {
        if (text.Length < Smallest || _bytes + text.Length > MaxBytes)
        {
            return;
        }

        var hash = XxHash3.HashToUInt64(text);
        if (!_blocks.TryGetValue(hash, out var candidates))
        {
            _blocks[hash] = candidates = [];
        }

        candidates.Add((text.ToArray(), value));
        _bytes += text.Length;
    }
}
