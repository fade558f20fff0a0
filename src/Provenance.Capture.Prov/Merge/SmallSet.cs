namespace Provenance.Capture.Prov.Merge;

/// <summary>
/// A set that is usually empty or holds one value: no allocation until the second value, a list up
/// to a few dozen, a hash set beyond. Keeps per-activity state small when a log has millions of them.
/// </summary>
/// <typeparam name="T">Item type.</typeparam>
internal sealed class SmallSet<T>
{
    private const int ListLimit = 16;
    private T _first = default!;
    private int _count;
    private List<T>? _list;
    private HashSet<T>? _set;

    public int Count => _count;

    public T First => _count > 0 ? _first : default!;

    public IEnumerable<T> Items => _count == 0 ? [] : _set is not null ? _set : _list is not null ? _list : [_first];

    public void Add(T item)
    {
        if (_count == 0)
        {
            _first = item;
            _count = 1;
            return;
        }

        if (_set is not null)
        {
            if (_set.Add(item))
            {
                _count++;
            }

            return;
        }

        _list ??= [_first];
        if (_list.Contains(item))
        {
            return;
        }

        _list.Add(item);
        _count++;
        if (_list.Count > ListLimit)
        {
            _set = [.. _list];
            _list = null;
        }
    }

    public IEnumerable<T> Sorted() => Items.Order(Comparer<T>.Create(static (a, b) => string.CompareOrdinal(a?.ToString(), b?.ToString())));
}
