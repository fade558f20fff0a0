namespace Provenance.Capture.Prov.Readers;

/// <summary>
/// What <see cref="PythonLiteral"/> keeps from line to line of one log: short strings (keys, names,
/// roles) as one instance each, and the last few large nested dicts and lists under each key, so that
/// a block logged again and again (lstosa's configuration and system description in every session
/// record) is parsed once and then shared. The values handed out are shared: callers must not change
/// them. Bounded: beyond its limits the cache stops adding and parsing goes on as without it.
/// </summary>
internal sealed class LiteralCache
{
    /// <summary>Strings up to this many characters are pooled.</summary>
    public const int ShortString = 64;

    /// <summary>Nested containers of at least this many characters are remembered.</summary>
    public const int LargeContainer = 256;

    private const int MaxStrings = 1 << 16;
    private const int MaxSlots = 1 << 10;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Containers> _slots = new(StringComparer.Ordinal);
    private readonly Containers _inLists = new();
    private readonly Containers _overflow = new();

    /// <summary>The pooled instance of a short string.</summary>
    /// <param name="text">Its characters.</param>
    /// <returns>The string.</returns>
    public string String(ReadOnlySpan<char> text)
    {
        var lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var known))
        {
            return known;
        }

        var made = new string(text);
        if (_strings.Count < MaxStrings)
        {
            _strings[made] = made;
        }

        return made;
    }

    /// <summary>The containers remembered under a dict key (null: items of lists).</summary>
    /// <param name="key">The key.</param>
    /// <returns>Its slot.</returns>
    public Containers Slot(string? key)
    {
        if (key is null)
        {
            return _inLists;
        }

        if (!_slots.TryGetValue(key, out var slot))
        {
            if (_slots.Count >= MaxSlots)
            {
                return _overflow;
            }

            _slots[key] = slot = new Containers();
        }

        return slot;
    }

    /// <summary>The last few large containers parsed under one key, with their text.</summary>
    internal sealed class Containers
    {
        private const int Kept = 4;

        // A key whose containers keep changing (a system description naming its node) stops being
        // remembered after this many misses without enough hits: copying its text would cost more
        // than it saves.
        private const int Patience = 8;

        private readonly (string Text, object? Value, int Depth)[] _kept = new (string, object?, int)[Kept];
        private int _next;
        private int _hits;
        private int _misses;

        /// <summary>A remembered container whose text the rest of the line starts with and that nests at most <paramref name="depthLeft"/> levels.</summary>
        /// <param name="rest">The text from the container's opening bracket on.</param>
        /// <param name="depthLeft">How many levels the parser may still nest.</param>
        /// <returns>The container and its text, or null.</returns>
        public (string Text, object? Value)? Find(ReadOnlySpan<char> rest, int depthLeft)
        {
            foreach (var (text, value, depth) in _kept)
            {
                if (text is not null && depth <= depthLeft && rest.StartsWith(text, StringComparison.Ordinal))
                {
                    _hits++;
                    return (text, value);
                }
            }

            _misses++;
            return null;
        }

        /// <summary>Remembers a container parsed from <paramref name="text"/>, nesting <paramref name="depth"/> levels.</summary>
        /// <param name="text">Its text, brackets included.</param>
        /// <param name="value">The container.</param>
        /// <param name="depth">How deep it nests.</param>
        public void Add(string text, object? value, int depth)
        {
            if (_misses > Patience && _hits * 4 < _misses)
            {
                return;
            }

            _kept[_next] = (text, value, depth);
            _next = (_next + 1) % Kept;
        }
    }
}
