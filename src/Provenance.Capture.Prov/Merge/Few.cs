namespace Provenance.Capture.Prov.Merge;

/// <summary>
/// A set that almost always holds one value (at subrun granularity every activity has one run, one
/// session, one status): the first value is inline, more go to a list (kept in insertion order) with
/// a hash set once it grows. Sixteen bytes for an int set with one value.
/// </summary>
internal struct Few<T>
    where T : IEquatable<T>
{
    private T _one;
    private bool _hasOne;
    private More? _more;

    private sealed class More
    {
        public readonly List<T> Items = [];
        public HashSet<T>? Set;
    }

    public readonly int Count => _more is { } more ? more.Items.Count + 1 : _hasOne ? 1 : 0;

    public readonly T? First => _hasOne ? _one : default;

    public void Add(T value)
    {
        if (!_hasOne)
        {
            _one = value;
            _hasOne = true;
            return;
        }

        if (_one.Equals(value))
        {
            return;
        }

        _more ??= new More();
        if (_more.Set is { } set)
        {
            if (set.Add(value))
            {
                _more.Items.Add(value);
            }

            return;
        }

        if (_more.Items.Contains(value))
        {
            return;
        }

        _more.Items.Add(value);
        if (_more.Items.Count > 8)
        {
            _more.Set = [.. _more.Items];
        }
    }

    /// <summary>The values in insertion order.</summary>
    public readonly IEnumerable<T> Items
    {
        get
        {
            if (!_hasOne)
            {
                return [];
            }

            return _more is null ? [_one] : _more.Items.Prepend(_one);
        }
    }
}
