using Provenance.Capture.Prov.Symbols;

namespace Provenance.Capture.Prov.Merge;

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
