using System.Runtime.InteropServices;

using Provenance.Capture.Prov.Symbols;

namespace Provenance.Capture.Prov.Merge;

/// <summary>
/// Where the sets of <see cref="FewInts"/> and <see cref="FewPairs"/> keep their second and further
/// values: up to eight in a chain of nodes in one block store (no object per set), beyond that in a
/// list with a hash set (run granularity: a thousand subruns in one activity).
/// </summary>
internal sealed class FewStore
{
    private const int ChainLimit = 8;
    private readonly Blocks<Node> _nodes = new();
    private readonly List<Bag> _bags = [];

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct Node
    {
        public long Value;

        // The next node plus one (0: last).
        public int Next;
    }

    private sealed class Bag(IEnumerable<long> items)
    {
        public readonly List<long> Items = [.. items];
        public readonly HashSet<long> Set = [.. items];
    }

    public void Add(ref FewInts set, int value)
    {
        if (set.One == 0)
        {
            set.One = value + 1;
        }
        else if (set.One != value + 1)
        {
            AddMore(ref set.More, value);
        }
    }

    public void Add(ref FewPairs set, long value)
    {
        if (set.One == 0)
        {
            set.One = value + 1;
        }
        else if (set.One != value + 1)
        {
            AddMore(ref set.More, value);
        }
    }

    /// <summary>Replaces the content of a list with the values, in insertion order.</summary>
    public void Read(in FewInts set, List<int> into)
    {
        into.Clear();
        if (set.One != 0)
        {
            into.Add(set.One - 1);
            if (set.More != 0)
            {
                into.AddRange(More(set.More).Select(v => (int)v));
            }
        }
    }

    /// <summary>Replaces the content of a list with the pairs, in insertion order.</summary>
    public void Read(in FewPairs set, List<(int First, int Second)> into)
    {
        into.Clear();
        if (set.One != 0)
        {
            into.Add(FewPairs.Unpair(set.One - 1));
            if (set.More != 0)
            {
                into.AddRange(More(set.More).Select(FewPairs.Unpair));
            }
        }
    }

    public int Count(in FewInts set) => set.One == 0 ? 0 : 1 + More(set.More).Count;

    public int Count(in FewPairs set) => set.One == 0 ? 0 : 1 + More(set.More).Count;

    /// <summary>The values in insertion order.</summary>
    public IReadOnlyList<int> Items(FewInts set)
    {
        var values = new List<int>();
        Read(set, values);
        return values;
    }

    /// <summary>The pairs in insertion order.</summary>
    public IReadOnlyList<(int First, int Second)> Items(FewPairs set)
    {
        var pairs = new List<(int First, int Second)>();
        Read(set, pairs);
        return pairs;
    }

    // More > 0: the first node of a chain, plus one; More < 0: the complement of a bag.
    private List<long> More(int more)
    {
        if (more < 0)
        {
            return _bags[~more].Items;
        }

        var values = new List<long>();
        for (var node = more; node != 0; node = _nodes[node - 1].Next)
        {
            values.Add(_nodes[node - 1].Value);
        }

        return values;
    }

    private void AddMore(ref int more, long value)
    {
        if (more < 0)
        {
            var bag = _bags[~more];
            if (bag.Set.Add(value))
            {
                bag.Items.Add(value);
            }

            return;
        }

        var length = 0;
        var last = 0;
        for (var node = more; node != 0; node = _nodes[node - 1].Next)
        {
            if (_nodes[node - 1].Value == value)
            {
                return;
            }

            last = node;
            length++;
        }

        if (length == ChainLimit)
        {
            var values = More(more);
            values.Add(value);
            _bags.Add(new Bag(values));
            more = ~(_bags.Count - 1);
            return;
        }

        var added = _nodes.Add(new Node { Value = value }) + 1;
        if (last == 0)
        {
            more = added;
        }
        else
        {
            _nodes[last - 1].Next = added;
        }
    }
}
