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

    /// <summary>Whether the attribute has a value.</summary>
    bool Has(string name);

    /// <summary>An element's own attributes.</summary>
    static IElementAttributes Of(ProvElement element) => new OfElement(element);

    private sealed class OfElement(ProvElement element) : IElementAttributes
    {
        public void Set(string name, ProvLiteral? value) => element.Set(name, value);

        public void Add(string name, ProvLiteral value) => element.Add(name, value);

        public void SetAll(string name, List<ProvLiteral> values) => element.SetAll(name, values);

        public bool Has(string name) => element.Attributes.ContainsKey(name);
    }
}

/// <summary>
/// An element's attributes kept as the calls that gave them, in order, and written as
/// <see cref="ProvJsonWriter.WriteElement"/> writes the element they would have made: attributes in ordinal
/// order of their names, each name's values as its calls leave them (a set replaces, an add appends a value
/// not there yet). One element at a time: <see cref="Clear"/> before the next; one thread.
/// </summary>
internal sealed class DirectAttributes : IElementAttributes
{
    private readonly List<(string Name, ProvLiteral Value, bool Add)> _calls = [];
    private readonly List<ProvLiteral> _values = [];
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

    public void SetAll(string name, List<ProvLiteral> values)
    {
        _calls.Add((name, values[0], false));
        for (var i = 1; i < values.Count; i++)
        {
            _calls.Add((name, values[i], true));
        }
    }

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

        json.StartObject(id);
        if (start is { } started)
        {
            json.Time("prov:startTime"u8, started);
        }

        if (end is { } ended)
        {
            json.Time("prov:endTime"u8, ended);
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
                if (!add)
                {
                    _values.Clear();
                    _values.Add(value);
                }
                else if (!_values.Contains(value))
                {
                    _values.Add(value);
                }
            }

            if (_values.Count == 1)
            {
                json.Name(name);
                ProvJsonWriter.WriteLiteral(json, _values[0]);
            }
            else
            {
                json.StartArray(name);
                foreach (var value in _values)
                {
                    ProvJsonWriter.WriteLiteral(json, value);
                }

                json.EndArray();
            }

            first = last;
        }

        json.EndObject();
    }
}
