namespace Provenance.Capture.Prov.Symbols;

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
