using System.IO.Hashing;
using System.Text;

using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Prov.Symbols;

/// <summary>
/// Every distinct text the merge keeps (ids, names, roles, locations), stored once as UTF-8 in large
/// chunks and named by a small integer. A log line's values become symbols without allocating a
/// string; state holds ints, not string references. Symbol 0 means "absent".
/// </summary>
internal sealed class SymbolTable
{
    public const int None = 0;
    private const int ChunkShift = 20;
    private const int ChunkSize = 1 << ChunkShift;

    private readonly List<byte[]> _chunks = [new byte[ChunkSize]];
    private int _chunkUsed;
    private readonly Blocks<Entry> _entries = new();
    // Each slot holds a symbol (low half) and its hash (high half): a probe compares hashes without
    // touching the entries, so a lookup costs one cache miss for the slot and one for the bytes.
    private long[] _slots;

    // Where a symbol's bytes are: chunk index times the chunk size plus the offset in it, and length.
    private struct Entry
    {
        public int Position;
        public int Length;
    }

    /// <summary>Creates a table.</summary>
    /// <param name="expected">How many symbols to make room for at once (the table grows past it).</param>
    public SymbolTable(int expected = 4096)
    {
        _entries.Add(default);
        _slots = new long[Math.Max(8192, (int)Math.Min(1 << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(expected * 10L / 7 + 1))))];
    }

    /// <summary>The symbol of the text's local part in a qualified name (<see cref="QualifiedNames.LocalPart(string)"/>: one per text; the same symbol when the text is kept).</summary>
    public int LocalPart(int symbol)
    {
        var bytes = Bytes(symbol);
        return QualifiedNames.IsLocalPart(bytes) ? symbol : Intern(QualifiedNames.Escaped(bytes));
    }

    /// <summary>How many symbols the table holds before it grows.</summary>
    public int Capacity => (int)(_slots.Length * 7L / 10);

    /// <summary>Symbols handed out so far (plus one for <see cref="None"/>).</summary>
    public int Count => _entries.Count;

    public int Intern(ReadOnlySpan<byte> text)
    {
        var hash = Hash(text);
        var mask = _slots.Length - 1;
        var slot = hash & mask;
        while (true)
        {
            var probe = _slots[slot];
            if (probe == 0)
            {
                break;
            }

            var symbol = (int)probe;
            if ((int)(probe >> 32) == hash && Bytes(symbol).SequenceEqual(text))
            {
                return symbol;
            }

            slot = (slot + 1) & mask;
        }

        var added = Add(text);
        _slots[slot] = ((long)hash << 32) | (uint)added;
        if (_entries.Count * 10 > _slots.Length * 7)
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
        ref var entry = ref _entries[symbol];
        return _chunks[entry.Position >> ChunkShift].AsSpan(entry.Position & (ChunkSize - 1), entry.Length);
    }

    public string? Text(int symbol) => symbol == None ? null : Encoding.UTF8.GetString(Bytes(symbol));

    public int Compare(int left, int right) => left == right ? 0 : Bytes(left).SequenceCompareTo(Bytes(right));

    /// <summary>Eight bytes from <paramref name="skip"/> on as a big-endian number: ordering by it, then by <see cref="Compare"/>, is ordinal order for texts that share their first <paramref name="skip"/> bytes.</summary>
    public ulong Prefix(int symbol, int skip = 0)
    {
        var bytes = Bytes(symbol);
        bytes = bytes[Math.Min(skip, bytes.Length)..];
        Span<byte> first = stackalloc byte[8];
        first.Clear();
        bytes[..Math.Min(8, bytes.Length)].CopyTo(first);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(first);
    }

    /// <summary>Sorts items by the ordinal order of a symbol each holds, then of a second one (stable).</summary>
    public void Sort<T>(List<T> items, Func<T, int> symbol, Func<T, int>? then = null)
    {
        if (items.Count < 2 || IsSorted(items, symbol, then))
        {
            return;
        }

        // Ids often share a long head (a session id): compare the eight bytes after it first.
        var head = Bytes(symbol(items[0])).Length;
        foreach (var item in items)
        {
            head = Math.Min(head, Bytes(symbol(items[0])).CommonPrefixLength(Bytes(symbol(item))));
        }

        // Sort by the eight-byte prefixes as plain numbers (fast), then put each run of equal prefixes in order.
        var prefixes = new ulong[items.Count];
        var order = new int[items.Count];
        for (var i = 0; i < order.Length; i++)
        {
            prefixes[i] = Prefix(symbol(items[i]), head);
            order[i] = i;
        }

        Array.Sort(prefixes, order);
        var comparer = new KeyOrder(this);
        for (var run = 0; run < order.Length;)
        {
            var next = run + 1;
            while (next < order.Length && prefixes[next] == prefixes[run])
            {
                next++;
            }

            if (next - run > 1)
            {
                var ties = order.AsSpan(run, next - run);
                var keys = new (ulong Prefix, int Symbol, int Then, int Index)[ties.Length];
                for (var i = 0; i < ties.Length; i++)
                {
                    keys[i] = (0, symbol(items[ties[i]]), then?.Invoke(items[ties[i]]) ?? 0, ties[i]);
                }

                Array.Sort(keys, comparer);
                for (var i = 0; i < ties.Length; i++)
                {
                    ties[i] = keys[i].Index;
                }
            }

            run = next;
        }

        var sorted = order.Select(i => items[i]).ToList();
        items.Clear();
        items.AddRange(sorted);
    }

    // Logs are mostly written in order (activity ids count up): one pass finds out.
    private bool IsSorted<T>(List<T> items, Func<T, int> symbol, Func<T, int>? then)
    {
        for (var i = 1; i < items.Count; i++)
        {
            var order = Compare(symbol(items[i - 1]), symbol(items[i]));
            if (order == 0 && then is not null)
            {
                order = Compare(then(items[i - 1]), then(items[i]));
            }

            if (order > 0)
            {
                return false;
            }
        }

        return true;
    }

    private readonly struct KeyOrder(SymbolTable table) : IComparer<(ulong Prefix, int Symbol, int Then, int Index)>
    {
        public int Compare((ulong Prefix, int Symbol, int Then, int Index) x, (ulong Prefix, int Symbol, int Then, int Index) y)
        {
            var order = x.Prefix.CompareTo(y.Prefix);
            if (order == 0)
            {
                order = table.Compare(x.Symbol, y.Symbol);
            }

            if (order == 0)
            {
                order = table.Compare(x.Then, y.Then);
            }

            return order != 0 ? order : x.Index.CompareTo(y.Index);
        }
    }

    private static int Hash(ReadOnlySpan<byte> text) => (int)XxHash3.HashToUInt64(text);

    private int Add(ReadOnlySpan<byte> text)
    {
        if (_chunkUsed + text.Length > ChunkSize)
        {
            _chunks.Add(new byte[Math.Max(ChunkSize, text.Length)]);
            _chunkUsed = 0;
        }

        var chunk = _chunks.Count - 1;
        if (chunk >= int.MaxValue >> ChunkShift)
        {
            throw new InvalidDataException("the logs hold more than 2 GB of distinct ids, names and locations: merge fewer logs at once, or filter them first");
        }

        text.CopyTo(_chunks[chunk].AsSpan(_chunkUsed));
        var symbol = _entries.Add(new Entry { Position = (chunk << ChunkShift) | _chunkUsed, Length = text.Length });
        _chunkUsed += text.Length;
        return symbol;
    }

    private void Rehash()
    {
        _slots = new long[_slots.Length * 2];
        var mask = _slots.Length - 1;
        for (var symbol = 1; symbol < _entries.Count; symbol++)
        {
            var hash = Hash(Bytes(symbol));
            var slot = hash & mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = ((long)hash << 32) | (uint)symbol;
        }
    }
}
