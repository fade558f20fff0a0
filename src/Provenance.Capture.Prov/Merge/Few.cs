namespace Provenance.Capture.Prov.Merge;

/// <summary>
/// A set of small values (symbols, or pairs of symbols packed in a long) that almost always holds one
/// value: at subrun granularity every activity has one run, one session, one status. The first value
/// is inline; more live in the merge's <see cref="FewStore"/>. No object per set, so the millions of
/// sets of a large merge cost the garbage collector nothing.
/// </summary>
internal struct Few
{
    // The first value plus one (0: empty), and the index of the further values in the store (0: none).
    internal long One;
    internal int More;

    public static long Pair(int first, int second) => ((long)first << 32) | (uint)second;

    public static (int First, int Second) Unpair(long pair) => ((int)(pair >> 32), (int)pair);
}

/// <summary>Where the sets of <see cref="Few"/> keep their second and further values.</summary>
internal sealed class FewStore
{
    private readonly List<Bag> _bags = [new Bag()];

    private sealed class Bag
    {
        public readonly List<long> Items = [];
        public HashSet<long>? Set;
    }

    public void Add(ref Few set, long value)
    {
        if (set.One == 0)
        {
            set.One = value + 1;
            return;
        }

        if (set.One == value + 1)
        {
            return;
        }

        if (set.More == 0)
        {
            set.More = _bags.Count;
            _bags.Add(new Bag());
        }

        var bag = _bags[set.More];
        if (bag.Set is { } hashed)
        {
            if (hashed.Add(value))
            {
                bag.Items.Add(value);
            }

            return;
        }

        if (bag.Items.Contains(value))
        {
            return;
        }

        bag.Items.Add(value);
        if (bag.Items.Count > 8)
        {
            bag.Set = [.. bag.Items];
        }
    }

    public int Count(in Few set) => set.One == 0 ? 0 : 1 + (set.More == 0 ? 0 : _bags[set.More].Items.Count);

    public long First(in Few set) => set.One - 1;

    /// <summary>The values in insertion order.</summary>
    public List<long> Items(in Few set)
    {
        var items = new List<long>(Count(set));
        if (set.One != 0)
        {
            items.Add(set.One - 1);
            if (set.More != 0)
            {
                items.AddRange(_bags[set.More].Items);
            }
        }

        return items;
    }
}
