using System.Runtime.CompilerServices;
using System.Text;
using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Readers;
using Provenance.Capture.Prov.Symbols;
using Provenance.Capture.Prov.Writers;

namespace Provenance.Capture.Prov.Merge;

/// <summary>
/// The session agents of a merge. A session record holds about 4 KB of nested values (command line, host,
/// the loaded assemblies, the environment, the model) that become some 75 flat attributes of its agent, and
/// a night run as one job per subrun has tens of thousands of sessions: making each agent a
/// <see cref="ProvElement"/> (a sorted list, a list per attribute) was a quarter of writing a night at
/// subrun granularity, all of it before the document's parts could start. Here each session is flattened
/// once into compact attributes — name numbers and literals, in the order the element's
/// <see cref="ProvElement.Set"/> and <see cref="ProvElement.Add"/> calls would apply them; the attributes of a
/// nested block many sessions share are one array they all point to. The attribute names are then ranked
/// once in ordinal order, and each agent is written by sorting its attributes' ranks. Nothing here adds to
/// the merge's tables (values become literals as <see cref="RecordSymbols.LiteralOfValue"/> makes them), so
/// all of it runs on the thread that writes the agents, beside the other parts of the document; one thread
/// at a time. Invariant: <see cref="Write"/> and <see cref="Element"/> give the same agent, name for name
/// and value for value (the tests compare the two writers' documents).
/// </summary>
internal sealed class SessionAgents
{
    private const int TypeName = 0;
    private const int SessionIdName = 1;
    private const int LabelName = 2;
    private static readonly ProvLiteral SoftwareAgent = ProvLiteral.QName("prov:SoftwareAgent");

    private readonly SymbolTable _symbols;
    private readonly IReadOnlyDictionary<int, ProvenanceMerger.SessionInfo> _sessions;
    // Attribute names by number, with their UTF-8 bytes when nothing in them needs escaping.
    private readonly List<string> _names = [];
    private readonly List<byte[]?> _plainNames = [];
    private readonly Dictionary<string, int> _nameNumbers = new(StringComparer.Ordinal);
    // A scalar's attribute number by its sanitised key (keys repeat from session to session).
    private readonly Dictionary<string, int> _scalarNames = new(StringComparer.Ordinal);
    // A nested block that many sessions share (the reader shares equal blocks) is flattened once, from its second use on.
    private readonly Dictionary<(object Block, string Name), Attribute[]?> _flattened = new(BlockComparer.Instance);
    private readonly List<Attribute> _scratch = [];
    private readonly Dictionary<(string Name, string Key), string> _innerNames = [];
    // Every flattened session's attributes as arrays in order (its own, or a shared block's), and which are a session's.
    private readonly List<Attribute[]> _parts = [];
    private readonly List<Attribute> _own = [];
    private readonly Dictionary<int, (int First, int Count)> _bySession = [];
    private int[] _ranks = [];
    // The writer's scratch: an agent's attributes, their ranks and positions sorted, a name's values.
    private Attribute[] _agent = new Attribute[128];
    private long[] _order = new long[128];
    private readonly List<object> _values = [];

    /// <summary>
    /// An attribute as the element would be given it: set (replacing the name's values) or added (kept once).
    /// Its value is a string for a plain literal of that text (no object per session value), or a literal.
    /// </summary>
    private readonly record struct Attribute(int Name, object? Value, bool Add);

    public SessionAgents(SymbolTable symbols, IReadOnlyDictionary<int, ProvenanceMerger.SessionInfo> sessions)
    {
        (_symbols, _sessions) = (symbols, sessions);
        NameNumber("prov:type");
        NameNumber("provcap:session_id");
        NameNumber("prov:label");
    }

    /// <summary>Flattens a session's values into its agent's attributes, once.</summary>
    /// <param name="session">The session id's symbol.</param>
    public void Flatten(int session)
    {
        if (_bySession.ContainsKey(session))
        {
            return;
        }

        var first = _parts.Count;
        var sessionId = _symbols.Text(session)!;
        _own.Clear();
        _own.Add(new Attribute(TypeName, SoftwareAgent, false));
        _own.Add(new Attribute(SessionIdName, sessionId, false));
        if (_sessions.TryGetValue(session, out var info))
        {
            _own.Add(new Attribute(LabelName, _symbols.Text(info.Tag) ?? sessionId, false));
            foreach (var (key, value) in info.Attributes)
            {
                AddFlattened(QualifiedNames.Sanitise(key), value);
            }
        }

        EndOwn();
        _bySession[session] = (first, _parts.Count - first);
    }

    /// <summary>Ranks the attribute names in ordinal order: after it, agents may be written on any thread.</summary>
    public void Rank()
    {
        var byText = Enumerable.Range(0, _names.Count).ToArray();
        Array.Sort(byText, (a, b) => string.CompareOrdinal(_names[a], _names[b]));
        _ranks = new int[_names.Count];
        for (var rank = 0; rank < byText.Length; rank++)
        {
            _ranks[byText[rank]] = rank;
        }
    }

    /// <summary>A flattened session's agent as an element.</summary>
    /// <param name="session">The session id's symbol.</param>
    /// <param name="id">The agent's id.</param>
    public ProvElement Element(int session, string id)
    {
        Flatten(session);
        var agent = new ProvElement(ProvElementKind.Agent, id);
        var count = Gather(session);
        for (var i = 0; i < count; i++)
        {
            var attribute = _agent[i];
            if (attribute.Add)
            {
                agent.Add(_names[attribute.Name], AttributeValues.LiteralOf(attribute.Value!));
            }
            else
            {
                agent.Set(_names[attribute.Name], attribute.Value is { } value ? AttributeValues.LiteralOf(value) : null);
            }
        }

        return agent;
    }

    /// <summary>
    /// A flattened session's agent as a PROV-JSON member, as <see cref="ProvJsonWriter"/> writes its
    /// <see cref="Element"/>: attributes in ordinal order of their names, one value or an array of several.
    /// After <see cref="Rank"/>.
    /// </summary>
    /// <param name="json">Where.</param>
    /// <param name="session">The session id's symbol.</param>
    /// <param name="id">The agent's id.</param>
    public void Write(JsonText json, int session, string id)
    {
        var count = Gather(session);
        if (_order.Length < count)
        {
            _order = new long[_agent.Length];
        }

        // Rank first, then the order the element would have been given them (its Set and Add are applied in that order).
        for (var i = 0; i < count; i++)
        {
            _order[i] = ((long)_ranks[_agent[i].Name] << 32) | (uint)i;
        }

        Array.Sort(_order, 0, count);
        json.StartObject(id);
        for (var first = 0; first < count;)
        {
            var end = first + 1;
            while (end < count && _order[end] >> 32 == _order[first] >> 32)
            {
                end++;
            }

            var name = _agent[(int)_order[first]].Name;
            _values.Clear();
            for (var i = first; i < end; i++)
            {
                var attribute = _agent[(int)_order[i]];
                AttributeValues.Apply(_values, attribute.Value, attribute.Add);
            }

            AttributeValues.Write(json, _names[name], _plainNames[name], _values);
            first = end;
        }

        json.EndObject();
    }

    // A flattened session's attributes into the scratch array, in order; how many.
    private int Gather(int session)
    {
        var (first, parts) = _bySession[session];
        var count = 0;
        for (var part = first; part < first + parts; part++)
        {
            var attributes = _parts[part];
            if (count + attributes.Length > _agent.Length)
            {
                Array.Resize(ref _agent, Math.Max(count + attributes.Length, _agent.Length * 2));
            }

            attributes.CopyTo(_agent, count);
            count += attributes.Length;
        }

        return count;
    }

    // The session's own attributes so far become a part.
    private void EndOwn()
    {
        if (_own.Count > 0)
        {
            _parts.Add([.. _own]);
            _own.Clear();
        }
    }

    // The attributes one session value becomes, added to the session's.
    private void AddFlattened(string name, object? value)
    {
        if (value is not (null or string) && value is IReadOnlyDictionary<string, object?> or IReadOnlyList<object?>)
        {
            var key = (value, name);
            if (_flattened.TryGetValue(key, out var known))
            {
                // Seen before: flattened once, for this use and every later one.
                if (known is null)
                {
                    _scratch.Clear();
                    FlattenInto(_scratch, name, value);
                    _flattened[key] = known = [.. _scratch];
                }

                EndOwn();
                _parts.Add(known);
                return;
            }

            _flattened[key] = null;
        }

        FlattenInto(_own, name, value);
    }

    // PROV-JSON attribute values are literals: nested session info becomes flat, prefixed attributes
    // (a list's items added, a scalar set).
    private void FlattenInto(List<Attribute> into, string name, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                // The literal of a text that comes back from UTF-8 as it was is a plain one of the same text.
                into.Add(new Attribute(ScalarName(name), text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') ? RecordSymbols.LiteralOfValue(text) : text, false));
                return;
            case IReadOnlyDictionary<string, object?> map:
                foreach (var (key, inner) in map)
                {
                    FlattenInto(into, InnerName(name, key), inner);
                }

                return;
            case IReadOnlyList<object?> list:
                foreach (var item in list)
                {
                    if (LogRecord.AsText(item) is { } text)
                    {
                        into.Add(new Attribute(ScalarName(name), text, true));
                    }
                }

                return;
            default:
                // Scalars typed as parameters are, by the merge's one conversion of values to literals.
                into.Add(new Attribute(ScalarName(name), RecordSymbols.LiteralOfValue(value), false));
                return;
        }
    }

    // A nested value's name: its map's name, an underscore and its sanitised key (made once per pair).
    private string InnerName(string name, string key)
    {
        if (!_innerNames.TryGetValue((name, key), out var inner))
        {
            _innerNames[(name, key)] = inner = name + "_" + QualifiedNames.Sanitise(key);
        }

        return inner;
    }

    private int ScalarName(string name)
    {
        if (!_scalarNames.TryGetValue(name, out var number))
        {
            _scalarNames[name] = number = NameNumber("provcap:" + name);
        }

        return number;
    }

    private int NameNumber(string name)
    {
        if (!_nameNumbers.TryGetValue(name, out var number))
        {
            _nameNumbers[name] = number = _names.Count;
            _names.Add(name);
            var bytes = Encoding.UTF8.GetBytes(name);
            _plainNames.Add(JsonText.IsPlain(bytes) ? bytes : null);
        }

        return number;
    }

    // A shared block by identity (its name by value).
    private sealed class BlockComparer : IEqualityComparer<(object Block, string Name)>
    {
        public static readonly BlockComparer Instance = new();

        public bool Equals((object Block, string Name) x, (object Block, string Name) y) => ReferenceEquals(x.Block, y.Block) && string.Equals(x.Name, y.Name, StringComparison.Ordinal);

        public int GetHashCode((object Block, string Name) obj) => HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Block), StringComparer.Ordinal.GetHashCode(obj.Name));
    }
}
