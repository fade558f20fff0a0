using System.IO.Hashing;
using System.Text;

namespace Provenance.Capture.Prov.Merge;

/// <summary>
/// Every distinct text the merge keeps (ids, names, roles, locations), stored once as UTF-8 in large
/// chunks and named by a small integer. A log line's values become symbols without allocating a
/// string; state holds ints, not string references. Symbol 0 means "absent".
/// </summary>
internal sealed class SymbolTable
{
    public const int None = 0;
    private const int ChunkSize = 1 << 20;

    private readonly List<byte[]> _chunks = [new byte[ChunkSize]];
    private int _chunkUsed;
    private Entry[] _entries = new Entry[4096];
    private int _count = 1;
    private int[] _slots = new int[8192];

    private struct Entry
    {
        public int Chunk;
        public int Offset;
        public int Length;
        public int Hash;
    }

    /// <summary>Symbols handed out so far (plus one for <see cref="None"/>).</summary>
    public int Count => _count;

    public int Intern(ReadOnlySpan<byte> text)
    {
        var hash = (int)XxHash3.HashToUInt64(text);
        var mask = _slots.Length - 1;
        var slot = hash & mask;
        while (true)
        {
            var symbol = _slots[slot];
            if (symbol == None)
            {
                break;
            }

            ref var entry = ref _entries[symbol];
            if (entry.Hash == hash && entry.Length == text.Length && Bytes(symbol).SequenceEqual(text))
            {
                return symbol;
            }

            slot = (slot + 1) & mask;
        }

        var added = Add(text, hash);
        _slots[slot] = added;
        if (_count * 2 > _slots.Length)
        {
            Rehash();
        }

        return added;
    }

    public int Intern(string? text)
    {
        if (text is null)
        {
            return None;
        }

        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> buffer = length <= 512 ? stackalloc byte[length] : new byte[length];
        return Intern(buffer[..Encoding.UTF8.GetBytes(text, buffer)]);
    }

    public ReadOnlySpan<byte> Bytes(int symbol)
    {
        var entry = _entries[symbol];
        return _chunks[entry.Chunk].AsSpan(entry.Offset, entry.Length);
    }

    public string? Text(int symbol) => symbol == None ? null : Encoding.UTF8.GetString(Bytes(symbol));

    public int Compare(int left, int right) => Bytes(left).SequenceCompareTo(Bytes(right));

    private int Add(ReadOnlySpan<byte> text, int hash)
    {
        if (_chunkUsed + text.Length > ChunkSize)
        {
            _chunks.Add(new byte[Math.Max(ChunkSize, text.Length)]);
            _chunkUsed = 0;
        }

        var chunk = _chunks.Count - 1;
        text.CopyTo(_chunks[chunk].AsSpan(_chunkUsed));
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        _entries[_count] = new Entry { Chunk = chunk, Offset = _chunkUsed, Length = text.Length, Hash = hash };
        _chunkUsed += text.Length;
        return _count++;
    }

    private void Rehash()
    {
        _slots = new int[_slots.Length * 2];
        var mask = _slots.Length - 1;
        for (var symbol = 1; symbol < _count; symbol++)
        {
            var slot = _entries[symbol].Hash & mask;
            while (_slots[slot] != None)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = symbol;
        }
    }
}
