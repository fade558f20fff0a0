using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Writers;

namespace Provenance.Capture.Prov.Merge;

/// <summary>
/// Where a merge puts an element's attributes, as <see cref="ProvElement.Set"/> and <see cref="ProvElement.Add"/>
/// take them: into the element itself (<see cref="Of"/>), or into a <see cref="DirectAttributes"/> that writes
/// the same member of a PROV-JSON document without making the element.
/// </summary>
internal interface IElementAttributes
{
    /// <summary>Sets an attribute to one value, replacing its others; nothing for null.</summary>
    void Set(string name, ProvLiteral? value);

    /// <summary>Adds a value unless the attribute holds it.</summary>
    void Add(string name, ProvLiteral value);

    /// <summary>Sets an attribute to these distinct values, in order (not empty).</summary>
    void SetAll(string name, List<ProvLiteral> values);

    /// <summary>Adds each of these distinct values (not empty) that the attribute does not hold, in order: as <see cref="Add"/> one by one, in linear time.</summary>
    void AddAll(string name, List<ProvLiteral> values);

    /// <summary>Whether the attribute has a value.</summary>
    bool Has(string name);

    /// <summary>An element's own attributes.</summary>
    static IElementAttributes Of(ProvElement element) => new OfElement(element);

    private sealed class OfElement(ProvElement element) : IElementAttributes
    {
        public void Set(string name, ProvLiteral? value) => element.Set(name, value);

        public void Add(string name, ProvLiteral value) => element.Add(name, value);

        public void SetAll(string name, List<ProvLiteral> values) => element.SetAll(name, values);

        public void AddAll(string name, List<ProvLiteral> values)
        {
            if (!element.Attributes.TryGetValue(name, out var present))
            {
                element.SetAll(name, [.. values]);
                return;
            }

            var held = present.ToHashSet();
            var all = new List<ProvLiteral>(present);
            foreach (var value in values)
            {
                if (held.Add(value))
                {
                    all.Add(value);
                }
            }

            element.SetAll(name, all);
        }

        public bool Has(string name) => element.Attributes.ContainsKey(name);
    }
}

/// <summary>
/// An element's attributes kept as the calls that gave them, in order, and written as
/// <see cref="ProvJsonWriter.WriteElement"/> writes the element they would have made: attributes in ordinal
/// order of their names, each name's values as its calls leave them (<see cref="AttributeValues"/>). One
/// element at a time: <see cref="Clear"/> before the next; one thread.
/// </summary>
internal sealed class DirectAttributes : IElementAttributes
{
    // A call's value is a literal, or for SetAll and AddAll the whole list, applied at once. Made into an add per
    // value, each looked for among those before it, an activity of a run of hundreds of subruns (its subrun
    // numbers, and its parameter subrun adding them again) took quadratic time: the cold run-granularity merge
    // of the benchmark log went from 3.0-3.4 s to 4.9-7.0 s.
    private readonly List<(string Name, object Value, bool Add)> _calls = [];
    private readonly List<object> _values = [];
    private int[] _order = new int[32];

    public void Clear() => _calls.Clear();

    public void Set(string name, ProvLiteral? value)
    {
        if (value is not null)
        {
            _calls.Add((name, value, false));
        }
    }

    public void Add(string name, ProvLiteral value) => _calls.Add((name, value, true));

    public void SetAll(string name, List<ProvLiteral> values) => _calls.Add((name, values, false));

    public void AddAll(string name, List<ProvLiteral> values) => _calls.Add((name, values, true));

    public bool Has(string name)
    {
        foreach (var call in _calls)
        {
            if (string.Equals(call.Name, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The element's member: its id, its times, its attributes.</summary>
    public void Write(JsonText json, string id, DateTimeOffset? start, DateTimeOffset? end)
    {
        json.StartObject(id);
        if (start is { } started)
        {
            json.Time("prov:startTime"u8, started);
        }

        if (end is { } ended)
        {
            json.Time("prov:endTime"u8, ended);
        }

        Resolve(json, static (json, name, values) => AttributeValues.Write(json, name, null, values));
        json.EndObject();
    }

    /// <summary>
    /// Each attribute with the values its calls leave (a value: a literal, or a string for a plain literal of that
    /// text), in ordinal order of the names, as the element's <see cref="ProvElement.Attributes"/> would list them.
    /// </summary>
    /// <param name="state">Handed to <paramref name="attribute"/>.</param>
    /// <param name="attribute">Takes each name and its values (a list reused for the next; none when empty).</param>
    public void Resolve<TState>(TState state, Action<TState, string, List<object>> attribute)
    {
        var count = _calls.Count;
        if (_order.Length < count)
        {
            _order = new int[Math.Max(count, _order.Length * 2)];
        }

        // Calls by name, then in the order they came (a stable insertion sort: an element has tens at most).
        for (var i = 0; i < count; i++)
        {
            var j = i;
            while (j > 0 && string.CompareOrdinal(_calls[_order[j - 1]].Name, _calls[i].Name) > 0)
            {
                _order[j] = _order[j - 1];
                j--;
            }

            _order[j] = i;
        }

        for (var first = 0; first < count;)
        {
            var name = _calls[_order[first]].Name;
            var last = first + 1;
            while (last < count && string.Equals(_calls[_order[last]].Name, name, StringComparison.Ordinal))
            {
                last++;
            }

            _values.Clear();
            for (var i = first; i < last; i++)
            {
                var (_, value, add) = _calls[_order[i]];
                if (value is List<ProvLiteral> all && !add)
                {
                    _values.Clear();
                    _values.AddRange(all);
                }
                else if (value is List<ProvLiteral> more)
                {
                    AttributeValues.AddAll(_values, more);
                }
                else
                {
                    AttributeValues.Apply(_values, value, add);
                }
            }

            if (_values.Count > 0)
            {
                attribute(state, name, _values);
            }

            first = last;
        }
    }
}

/// <summary>
/// What an element's <see cref="ProvElement.Set"/> and <see cref="ProvElement.Add"/> calls leave of one
/// attribute, and how <see cref="ProvJsonWriter"/> writes it. A value is a literal, or a string for a plain
/// literal of that text (a session's values, without an object each).
/// </summary>
internal static class AttributeValues
{
    /// <summary>One call: a set replaces the values (nothing for null), an add appends a value not there yet.</summary>
    public static void Apply(List<object> values, object? value, bool add)
    {
        if (value is null)
        {
            return;
        }

        if (!add)
        {
            values.Clear();
            values.Add(value);
        }
        else if (!Holds(values, value))
        {
            values.Add(value);
        }
    }

    /// <summary>Each value <paramref name="values"/> does not hold, in order (<paramref name="added"/> distinct): as <see cref="Apply"/>'s adds, in linear time.</summary>
    public static void AddAll(List<object> values, List<ProvLiteral> added)
    {
        // A value's text and type: a string is a plain literal of its text (see Same).
        static (string Text, string? Type) Key(object value) => value is ProvLiteral literal ? (literal.Text, literal.Type) : ((string)value, null);
        var held = new HashSet<(string, string?)>(values.Count + added.Count);
        foreach (var value in values)
        {
            held.Add(Key(value));
        }

        foreach (var value in added)
        {
            if (held.Add(Key(value)))
            {
                values.Add(value);
            }
        }
    }

    /// <summary>The attribute, if it has values: one value, or an array of several.</summary>
    /// <param name="json">Where.</param>
    /// <param name="name">The attribute's name.</param>
    /// <param name="plainName">Its UTF-8 bytes when nothing in them needs escaping, or null.</param>
    /// <param name="values">Its values.</param>
    public static void Write(JsonText json, string name, byte[]? plainName, List<object> values)
    {
        if (values.Count > 0)
        {
            ProvJsonWriter.WriteAttribute(json, name, plainName, values, WriteValue);
        }
    }

    /// <summary>The literal a value stands for.</summary>
    public static ProvLiteral LiteralOf(object value) => value as ProvLiteral ?? ProvLiteral.String((string)value);

    private static void WriteValue(JsonText json, object value)
    {
        if (value is string text)
        {
            json.StringValue(text);
        }
        else
        {
            ProvJsonWriter.WriteLiteral(json, (ProvLiteral)value);
        }
    }

    private static bool Holds(List<object> values, object value)
    {
        foreach (var held in values)
        {
            if (Same(held, value))
            {
                return true;
            }
        }

        return false;
    }

    // Whether two values are the same literal (a string is a plain literal of its text).
    private static bool Same(object one, object other)
        => (one, other) switch
        {
            (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
            (ProvLiteral a, ProvLiteral b) => a == b,
            (string a, ProvLiteral b) => b.Type is null && string.Equals(a, b.Text, StringComparison.Ordinal),
            (ProvLiteral a, string b) => a.Type is null && string.Equals(a.Text, b, StringComparison.Ordinal),
            _ => false,
        };
}
