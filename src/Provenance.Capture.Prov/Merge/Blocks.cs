namespace Provenance.Capture.Prov.Merge;

/// <summary>
/// A growing array of structs kept in fixed blocks: adding never copies what is there and never
/// leaves a half-empty doubled array behind, so a merge's peak memory stays close to what it holds.
/// </summary>
internal sealed class Blocks<T>
    where T : struct
{
    private const int Shift = 14;
    private const int Size = 1 << Shift;
    private const int Mask = Size - 1;
    private readonly List<T[]> _blocks = [];

    public int Count { get; private set; }

    public ref T this[int index] => ref _blocks[index >> Shift][index & Mask];

    public int Add(in T item)
    {
        var index = Count;
        Grow(index + 1);
        this[index] = item;
        return index;
    }

    /// <summary>The item at an index, growing to it (new items are default).</summary>
    public ref T At(int index)
    {
        if (index >= Count)
        {
            Grow(index + 1);
        }

        return ref this[index];
    }

    /// <summary>The item at an index, or default past the end.</summary>
    public T Get(int index) => index < Count ? this[index] : default;

    private void Grow(int count)
    {
        while (_blocks.Count << Shift < count)
        {
            _blocks.Add(new T[Size]);
        }

        Count = count;
    }
}

/// <summary>A set of symbols as one flag per symbol: a bit of memory per symbol, no hashing.</summary>
internal sealed class SymbolSet
{
    private readonly Blocks<bool> _flags = new();

    public int Count { get; private set; }

    public bool Add(int symbol)
    {
        ref var flag = ref _flags.At(symbol);
        if (flag)
        {
            return false;
        }

        flag = true;
        Count++;
        return true;
    }

    public void UnionWith(IEnumerable<int> symbols)
    {
        foreach (var symbol in symbols)
        {
            Add(symbol);
        }
    }

    public bool Contains(int symbol) => _flags.Get(symbol);

    /// <summary>The symbols in the set, in symbol order.</summary>
    public IEnumerable<int> Items()
    {
        for (var symbol = 0; symbol < _flags.Count; symbol++)
        {
            if (_flags[symbol])
            {
                yield return symbol;
            }
        }
    }
}
