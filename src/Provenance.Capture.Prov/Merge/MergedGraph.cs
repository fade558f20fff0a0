using System.Globalization;
using System.Text;
using Provenance.Capture.Model;
using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Symbols;
using Provenance.Capture.Prov.Writers;
using static Provenance.Capture.Prov.Merge.ProvenanceMerger;

namespace Provenance.Capture.Prov.Merge;

/// <summary>
/// The PROV graph of a merge, made from the merger's compact state as it is enumerated. A first pass
/// decides ids, collections and which entities are declared; each section (entities, activities,
/// agents, each relation kind) is then produced on demand, so writing a large merge holds one
/// element at a time, not a document.
/// </summary>
internal sealed partial class MergedGraph : IProvGraph, IJsonSections, IGraphParts
{
    private readonly ProvenanceMerger _merger;
    private readonly SymbolTable _symbols;
    private readonly GranularityRules _rules;
    private readonly Blocks<Group> _all;
    private readonly FewStore _few;
    private readonly List<int> _groups;
    private readonly SymbolSet _declared = new();
    private readonly SymbolSet _generated = new();
    private readonly SymbolSet _generatedAgain = new();
    // The first collection each entity went into, plus one, by symbol; an entity in a second one
    // (used in two runs) is in the set beside it.
    private readonly Blocks<int> _collectionOf = new();
    private readonly HashSet<(int Entity, int Collection)> _furtherMemberships = [];
    private readonly Dictionary<int, ProvLiteral> _sharedLiterals = [];
    private readonly Dictionary<int, ProvLiteral> _activityTypes = [];
    // Parameter names and values as the activities' writer made them (read and filled by that one thread).
    private readonly Dictionary<int, Parameter> _parameters = [];
    private readonly Dictionary<int, (ProvLiteral Literal, long Number)> _parameterValues = [];
    private readonly Dictionary<int, ProvLiteral> _numbers = [];
    private readonly SessionAgents _sessionAgents;
    private IComparer<int>? _symbolOrder;
    // Each symbol's local part in its qualified name (QualifiedNames.LocalPart), once asked for.
    private readonly Blocks<int> _localOf = new();
    private static readonly ProvLiteral CollectionType = ProvLiteral.QName("prov:Collection");
    private static readonly ProvLiteral ValueType = ProvLiteral.QName("provcap:Value");
    private static readonly ProvLiteral FileType = ProvLiteral.QName("provcap:File");
    private readonly Dictionary<int, int> _collectionByKey = [];
    private readonly Dictionary<(int Label, int Run), int> _collectionByScope = [];
    private readonly List<Collection> _collections = [];
    private readonly List<(int From, int To)> _derivations = [];
    private readonly List<(int Collection, int Member)> _memberships = [];
    private readonly List<int> _agents;
    private readonly List<int> _sessions;
    private readonly ModelNotes _notes;

    private sealed class Collection(int key, string label)
    {
        public int Key { get; } = key;

        public string Label { get; } = label;

        /// <summary>Distinct members, in the order they were first met.</summary>
        public readonly List<int> Members = [];
    }

    public MergedGraph(ProvenanceMerger merger)
    {
        _merger = merger;
        _symbols = merger.Symbols;
        _rules = merger.Rules;
        _all = merger.Groups;
        _few = merger.Sets;
        _notes = merger.Notes;
        _sessionAgents = new SessionAgents(_symbols, merger.Sessions);
        _groups = [.. Enumerable.Range(0, merger.Groups.Count)];
        _symbols.Sort(_groups, g => _all[g].Key);
        var agents = new HashSet<int>();
        var sessions = new HashSet<int>();
        var symbols = new List<int>();
        var pairs = new List<(int First, int Second)>();
        foreach (var group in _groups)
        {
            ref var g = ref _all[group];
            IncompleteActivities += g.Calls - g.Ended;
            _few.Read(g.Agents, symbols);
            agents.UnionWith(symbols);
            _few.Read(g.Sessions, symbols);
            sessions.UnionWith(symbols);
            _few.Read(g.Used, pairs);
            foreach (var (id, _) in pairs)
            {
                Declare(id, group);
            }

            _few.Read(g.Generated, pairs);
            foreach (var (id, _) in pairs)
            {
                Declare(id, group);
                if (!_generated.Add(id))
                {
                    _generatedAgain.Add(id);
                }
            }
        }

        _agents = [.. agents];
        _symbols.Sort(_agents, a => a);
        foreach (var agent in _agents)
        {
            // "agent:session_x" names session x's agent: an agent so named is "agent:session%5Fx" (one per text still).
            var local = _symbols.Bytes(Local(agent));
            if (local.StartsWith("session_"u8))
            {
                _localOf.At(agent) = _symbols.Intern([.. "session%5F"u8, .. local["session_".Length..]]);
            }
        }

        _sessions = [.. sessions];
        _symbols.Sort(_sessions, s => s);
        if (merger.Options.IncludeMembers)
        {
            foreach (var collection in _collections)
            {
                _declared.UnionWith(collection.Members);
            }
        }

        // Derivations link what the document declares: an entity, or else the collection it went into
        // (many to one at run granularity, hence the set).
        var raw = merger.Derivations.Where(d => _generated.Contains(d.Generated)).ToList();
        _symbols.Sort(raw, d => d.Generated, d => d.Progenitor);
        var mapped = _rules.AsCaptured ? null : new HashSet<(int, int)>();
        for (var i = 0; i < raw.Count; i++)
        {
            var (generated, progenitor) = raw[i];
            if ((i == 0 || raw[i - 1] != raw[i]) && Mapped(generated) is { } from && Mapped(progenitor) is { } to && from != to && (mapped?.Add((from, to)) ?? true))
            {
                _derivations.Add((from, to));
            }
        }

        var memberships = merger.Memberships.Where(m => _declared.Contains(m.Collection)).ToList();
        _symbols.Sort(memberships, m => m.Collection, m => m.Member);
        for (var i = 0; i < memberships.Count; i++)
        {
            if (i == 0 || memberships[i - 1] != memberships[i])
            {
                _memberships.Add(memberships[i]);
                _declared.Add(memberships[i].Member);
            }
        }
    }

    public int IncompleteActivities { get; }

    public IReadOnlyDictionary<string, string> Prefixes => ProvDocument.StandardPrefixes;

    public IEnumerable<ProvElement> Elements(ProvElementKind kind) => kind switch
    {
        ProvElementKind.Entity => EntityElements(),
        ProvElementKind.Activity => ActivityElements(),
        _ => AgentElements(),
    };

    public IEnumerable<ProvRelation> Relations(ProvRelationKind kind) => kind switch
    {
        ProvRelationKind.Used => PerGroup((group, id) => EntityNodes(group, _all[group].Used).Select(u => new ProvRelation(kind, id, NodeId(u.Node)) { Role = _symbols.Text(u.Role) })),
        ProvRelationKind.WasGeneratedBy => PerGroup((group, id) => EntityNodes(group, _all[group].Generated).Select(g => new ProvRelation(kind, NodeId(g.Node), id) { Role = _symbols.Text(g.Role), Time = _all[group].End })),
        ProvRelationKind.WasAttributedTo => Attributions(kind),
        ProvRelationKind.WasAssociatedWith => PerGroup((group, id) =>
            Sorted(_all[group].Agents).Select(agent => new ProvRelation(kind, id, AgentId(agent)))
                .Concat(Sorted(_all[group].Sessions).Select(session => new ProvRelation(kind, id, SessionAgentId(session))))),
        ProvRelationKind.ActedOnBehalfOf => Distinct(PerGroup((group, _) =>
            Sorted(_all[group].Sessions).SelectMany(session => Sorted(_all[group].Agents).Select(agent => new ProvRelation(kind, SessionAgentId(session), AgentId(agent)))))),
        ProvRelationKind.WasInformedBy => PerGroup((group, id) =>
            Symbols(_all[group].Parents)
                .Select(_merger.GroupOfActivity)
                .Where(informant => informant is not null && informant != group)
                .Select(informant => new ProvRelation(kind, id, ActivityId(informant!.Value)))),
        ProvRelationKind.WasDerivedFrom => _derivations.Select(d => new ProvRelation(kind, NodeId(d.From), NodeId(d.To))),
        ProvRelationKind.HadMember => Distinct(CollectionMembers(kind).Concat(_memberships.Select(m => new ProvRelation(kind, EntityId(m.Collection), EntityId(m.Member))))),
        _ => [],
    };

    private IComparer<int> SymbolOrder => _symbolOrder ??= Comparer<int>.Create(_symbols.Compare);

    private IEnumerable<int> Symbols(in FewInts set) => _few.Items(set);

    private IEnumerable<(int First, int Second)> Pairs(in FewPairs set) => _few.Items(set);

    private IEnumerable<int> Sorted(in FewInts set) => _few.Count(set) == 1 ? Symbols(set) : Symbols(set).Order(SymbolOrder);

    private int SingleRun(int group) => _few.Count(_all[group].Runs) == 1 ? _all[group].Runs.One - 1 : SymbolTable.None;

    // The entities of an activity's used or generated pairs as output nodes (an entity, or the
    // collection it goes into), each node and role once, in the order of the smallest entity id that
    // maps to each (ties in insertion order): what sorting the pairs by entity id and dropping repeats
    // gives, without sorting a run's thousand files that all map to one collection.
    private List<(int Node, int Role)> EntityNodes(int group, in FewPairs set)
    {
        var distinct = new List<(int Node, int Role, int Entity, int Order)>(1);
        var index = _few.Count(set) > 1 ? new Dictionary<(int, int), int>() : null;
        var order = 0;
        foreach (var (entity, role) in Pairs(set))
        {
            var node = CollectionIndex(entity, group) is { } collection ? ~collection : entity;
            if (index is null)
            {
                distinct.Add((node, role, entity, order));
            }
            else if (!index.TryGetValue((node, role), out var at))
            {
                index[(node, role)] = distinct.Count;
                distinct.Add((node, role, entity, order));
            }
            else if (_symbols.Compare(entity, distinct[at].Entity) < 0)
            {
                distinct[at] = (node, role, entity, order);
            }

            order++;
        }

        if (distinct.Count > 1)
        {
            distinct.Sort((a, b) => _symbols.Compare(a.Entity, b.Entity) is var c && c != 0 ? c : a.Order.CompareTo(b.Order));
        }

        return distinct.ConvertAll(d => (d.Node, d.Role));
    }

    private IEnumerable<ProvRelation> Attributions(ProvRelationKind kind)
    {
        var seen = new HashSet<(int, int)>();
        foreach (var group in _groups)
        {
            var agents = Sorted(_all[group].Agents).ToList();
            foreach (var (node, _) in EntityNodes(group, _all[group].Generated))
            {
                foreach (var agent in agents)
                {
                    // Only a collection, or a file two activities generated, can be attributed twice.
                    if ((node >= 0 && !_generatedAgain.Contains(node)) || seen.Add((node, agent)))
                    {
                        yield return new ProvRelation(kind, NodeId(node), AgentId(agent));
                    }
                }
            }
        }
    }

    // Relations of an activity are distinct from those of any other activity; within one they may repeat (collections).
    private IEnumerable<ProvRelation> PerGroup(Func<int, string, IEnumerable<ProvRelation>> relations)
    {
        var seen = new HashSet<ProvRelation>();
        foreach (var group in _groups)
        {
            seen.Clear();
            foreach (var relation in relations(group, ActivityId(group)))
            {
                if (seen.Add(relation))
                {
                    yield return relation;
                }
            }
        }
    }

    private static IEnumerable<ProvRelation> Distinct(IEnumerable<ProvRelation> relations)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var relation in relations)
        {
            if (seen.Add((relation.Subject, relation.Object)))
            {
                yield return relation;
            }
        }
    }

    private IEnumerable<ProvRelation> CollectionMembers(ProvRelationKind kind)
    {
        if (!_merger.Options.IncludeMembers)
        {
            yield break;
        }

        foreach (var collection in _collections)
        {
            var id = LocalId("ent:", collection.Key);
            foreach (var member in collection.Members.Order(SymbolOrder))
            {
                yield return new ProvRelation(kind, id, EntityId(member));
            }
        }
    }

    // Entities are declared as activities use or generate them; at run and night granularity a
    // per-subrun file with a collection is replaced by the collection of its run (or night).
    private void Declare(int entity, int group)
    {
        if (CollectionIndex(entity, group) is { } index)
        {
            ref var first = ref _collectionOf.At(entity);
            if (first == 0)
            {
                first = index + 1;
                _collections[index].Members.Add(entity);
            }
            else if (first != index + 1 && _furtherMemberships.Add((entity, index)))
            {
                _collections[index].Members.Add(entity);
            }

            return;
        }

        _declared.Add(entity);
    }

    private int? CollectionIndex(int entity, int group)
    {
        if (_rules.AsCaptured || !_merger.TryGetEntity(entity, out var info) || info.Collection == SymbolTable.None)
        {
            return null;
        }

        var run = _rules.CollectionsPerRun ? SingleRun(group) : SymbolTable.None;
        if (_collectionByScope.TryGetValue((info.Collection, run), out var index))
        {
            return index;
        }

        var key = _rules.CollectionKey(info.Collection, run);
        if (!_collectionByKey.TryGetValue(key, out index))
        {
            _collectionByKey[key] = index = _collections.Count;
            _collections.Add(new Collection(key, _symbols.Text(info.Collection)!));
        }

        _collectionByScope[(info.Collection, run)] = index;
        return index;
    }

    // A node is an entity symbol (>= 0) or the complement of a collection index.
    private int? Mapped(int entity) => _declared.Contains(entity) ? entity : _collectionOf.Get(entity) is > 0 and var collection ? ~(collection - 1) : null;

    private string NodeId(int node) => node >= 0 ? EntityId(node) : LocalId("ent:", _collections[~node].Key);

    private string EntityId(int entity) => Id("ent:", entity);

    private string ActivityId(int group) => Id("act:", _all[group].Key);

    private string AgentId(int agent) => Id("agent:", agent);

    // Set once the sections are prepared for several threads (JsonParts, Parts): nothing may be added to the tables then.
    private bool _shared;

    private string SessionAgentId(int session) => Id("agent:session_", session);

    // The qualified name of a symbol (an id).
    private string Id(string prefix, int symbol) => LocalId(prefix, Local(symbol));

    // A qualified name made in one string from a prefix and a local part's (hence ASCII) bytes.
    private string LocalId(string prefix, int local)
        => string.Create(prefix.Length + _symbols.Bytes(local).Length, (prefix, local, _symbols), static (chars, state) =>
        {
            state.prefix.CopyTo(chars);
            Encoding.ASCII.GetChars(state._symbols.Bytes(state.local), chars[state.prefix.Length..]);
        });

    private IEnumerable<ProvElement> EntityElements()
    {
        foreach (var (key, node) in EntityEntries())
        {
            var id = LocalId("ent:", key);
            yield return node >= 0 ? EntityElement(id, node) : CollectionElement(id, _collections[~node]);
        }
    }

    // The entities and collections declared, sorted by id (the local part of each entity; collection keys
    // are local parts already), each id once.
    private List<(int Key, int Node)> EntityEntries()
    {
        var entries = new List<(int Key, int Node)>(_declared.Count + _collections.Count);
        entries.AddRange(_declared.Items().Select(e => (Local(e), e)));
        entries.AddRange(_collections.Select((c, i) => (c.Key, ~i)));
        _symbols.Sort(entries, e => e.Key);
        FirstOfEachKey(entries);
        return entries;
    }

    // Keeps the first of each run of items with the same key (an entity whose id is a collection's is one element).
    private static void FirstOfEachKey(List<(int Key, int Value)> sorted)
    {
        var kept = 0;
        for (var i = 0; i < sorted.Count; i++)
        {
            if (i == 0 || sorted[i].Key != sorted[kept - 1].Key)
            {
                sorted[kept++] = sorted[i];
            }
        }

        sorted.RemoveRange(kept, sorted.Count - kept);
    }

    private ProvElement EntityElement(string id, int entity)
    {
        var element = new ProvElement(ProvElementKind.Entity, id);
        if (!_merger.TryGetEntity(entity, out var info))
        {
            return element;
        }

        element.Set("prov:label", Shared(info.Kind));
        if (_notes.Entities.Count > 0 && _symbols.Text(info.Kind) is { } kind && _notes.Entities.TryGetValue(kind, out var description))
        {
            element.Set("provcap:description", ProvLiteral.String(description));
        }

        var type = _symbols.Bytes(info.Type);
        element.Set("prov:type", type.SequenceEqual("FileCollection"u8) ? CollectionType : type.SequenceEqual("Value"u8) ? ValueType : FileType);
        element.Set("prov:location", String(info.Location));
        element.Set("provcap:hash", String(info.Hash));
        element.Set("provcap:hash_type", Shared(info.HashType));
        element.Set("provcap:size", info.Size != long.MinValue ? new ProvLiteral(info.Size.ToString(CultureInfo.InvariantCulture), "xsd:long") : null);
        element.Set("provcap:contentType", Shared(info.ContentType));
        element.Set("provcap:archive_path", String(info.ArchivePath));
        element.Set("provcap:problem", Shared(info.Problem));
        element.Set("provcap:value", _merger.Literals.LiteralOf(info.Value));
        if (info.Missing)
        {
            element.Set("provcap:missing", MissingTrue);
        }

        return element;
    }

    private ProvElement CollectionElement(string id, Collection collection)
    {
        var element = new ProvElement(ProvElementKind.Entity, id);
        element.Set("prov:label", ProvLiteral.String(collection.Label));
        element.Set("prov:type", CollectionType);
        element.Set("provcap:member_count", new ProvLiteral(collection.Members.Count.ToString(CultureInfo.InvariantCulture), "xsd:int"));
        var locations = collection.Members.Select(m => _merger.TryGetEntity(m, out var info) ? info.Location : SymbolTable.None).Where(l => l != SymbolTable.None);
        if (CommonDirectory(locations) is { } location)
        {
            element.Set("prov:location", ProvLiteral.String(location));
        }

        return element;
    }

    // The deepest folder holding every location, compared as UTF-8 bytes (no string per member); / and \
    // both separate folders, whichever system wrote the log.
    private string? CommonDirectory(IEnumerable<int> locations)
    {
        string? common = null;
        byte[] prefix = [];
        foreach (var location in locations)
        {
            var path = _symbols.Bytes(location);
            if (common is null)
            {
                common = Folder(_symbols.Text(location)!);
                prefix = Encoding.UTF8.GetBytes(common);
            }

            while (common.Length > 0 && !(path.StartsWith(prefix) && (path.Length == prefix.Length || path[prefix.Length] is (byte)'/' or (byte)'\\')))
            {
                common = Folder(common);
                prefix = Encoding.UTF8.GetBytes(common);
            }
        }

        return string.IsNullOrEmpty(common) ? null : common;

        // The folder of a path: "/" for a file at the root; empty for a bare name, or the root itself.
        static string Folder(string path) => path.AsSpan().LastIndexOfAny('/', '\\') switch
        {
            < 0 => string.Empty,
            0 => path.Length > 1 ? path[..1] : string.Empty,
            var at => path[..at],
        };
    }

    private IEnumerable<ProvElement> ActivityElements(List<(int Key, int Group)>? entries = null)
    {
        foreach (var (key, group) in entries ?? ActivityEntries())
        {
            yield return ActivityElement(LocalId("act:", key), group);
        }
    }

    // The activities sorted by id (one per group: groups have distinct keys, and keys distinct local parts).
    private List<(int Key, int Group)> ActivityEntries()
    {
        var ordered = _groups.Select(g => (Key: Local(_all[g].Key), Group: g)).ToList();
        _symbols.Sort(ordered, g => g.Key);
        return ordered;
    }

    // The symbol of a symbol's text made a qualified name's local part (the same symbol when it is one).
    // Made once per symbol: after the JSON writer's preparation, only read (by several threads).
    private int Local(int symbol)
    {
        var local = _localOf.Get(symbol);
        if (local == SymbolTable.None)
        {
            local = _symbols.LocalPart(symbol);
            if (!_shared)
            {
                _localOf.At(symbol) = local;
            }
        }

        return local;
    }

    private ProvElement ActivityElement(string id, int index)
    {
        ref var group = ref _all[index];
        var activity = new ProvElement(ProvElementKind.Activity, id) { StartTime = group.Start, EndTime = group.End };
        ActivityAttributes(IElementAttributes.Of(activity), index);
        return activity;
    }

    // An activity's attributes, into its element or straight into the text (the same calls either way).
    private void ActivityAttributes(IElementAttributes activity, int index)
    {
        ref var group = ref _all[index];
        activity.Set("prov:label", Shared(group.Name));
        activity.Set("prov:type", TypeOf(group.Name));
        AddNumbers(activity, "provcap:run", group.Runs);
        AddNumbers(activity, "provcap:subrun", group.Subruns);
        foreach (var date in Sorted(group.Dates))
        {
            if (date != SymbolTable.None)
            {
                activity.Add("provcap:observation_date", Shared(date)!);
            }
        }

        if (!_rules.AsCaptured)
        {
            activity.Set("provcap:calls", new ProvLiteral(group.Calls.ToString(CultureInfo.InvariantCulture), "xsd:int"));
        }

        foreach (var status in Sorted(group.Statuses))
        {
            activity.Add("provcap:status", Shared(status)!);
        }

        var incomplete = group.Calls - group.Ended;
        if (incomplete > 0)
        {
            activity.Add("provcap:status", ProvLiteral.String("incomplete"));
            activity.Set("provcap:incomplete_calls", new ProvLiteral(incomplete.ToString(CultureInfo.InvariantCulture), "xsd:int"));
        }

        if (_merger.Failures.TryGetValue(index, out var failures))
        {
            foreach (var failure in failures.Distinct().Order(StringComparer.Ordinal))
            {
                activity.Add("provcap:failure", ProvLiteral.String(failure));
            }
        }

        AddParameters(activity, _few.Items(group.Parameters));
        if (_notes.Activities.Count > 0 && _notes.Activities.TryGetValue(_symbols.Text(group.Name)!, out var note))
        {
            AddNote(activity, note);
        }
    }

    // The model's words beside what was measured: a parameter's unit and description next to its value
    // (only for parameters the activity has), and what each of its roles means.
    private static void AddNote(IElementAttributes activity, ActivityNote note)
    {
        activity.Set("provcap:description", note.Description is null ? null : ProvLiteral.String(note.Description));
        foreach (var (name, parameter) in note.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var attribute = "provcap:" + QualifiedNames.Sanitise(name);
            if (activity.Has(attribute))
            {
                activity.Set(attribute + "_unit", parameter.Unit is null ? null : ProvLiteral.String(parameter.Unit));
                activity.Set(attribute + "_description", parameter.Description is null ? null : ProvLiteral.String(parameter.Description));
            }
        }

        foreach (var (role, description) in note.Used.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            activity.Set("provcap:used_" + QualifiedNames.Sanitise(role) + "_description", ProvLiteral.String(description));
        }

        foreach (var (role, description) in note.Generated.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            activity.Set("provcap:generated_" + QualifiedNames.Sanitise(role) + "_description", ProvLiteral.String(description));
        }
    }

    // Parameters by name (ordinal); each name's values with numbers in numeric order (subruns 2 before
    // 10), then text in ordinal order.
    private void AddParameters(IElementAttributes activity, IReadOnlyList<(int First, int Second)> pairs)
    {
        if (pairs.Count == 0)
        {
            return;
        }

        var values = new (Parameter Name, int Symbol, long Number, ProvLiteral Value)[pairs.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var (literal, number) = ParameterValue(pairs[i].Second);
            values[i] = (ParameterOf(pairs[i].First), pairs[i].First, number, literal);
        }

        if (values.Length > 1)
        {
            Array.Sort(values, static (a, b) =>
            {
                var order = string.CompareOrdinal(a.Name.Text, b.Name.Text);
                order = order != 0 ? order : a.Number.CompareTo(b.Number);
                return order != 0 ? order : string.CompareOrdinal(a.Value.Text, b.Value.Text);
            });
        }

        for (var start = 0; start < values.Length;)
        {
            var end = start + 1;
            while (end < values.Length && values[end].Symbol == values[start].Symbol)
            {
                end++;
            }

            var attribute = values[start].Name.Attribute;
            var ordered = new List<ProvLiteral>(end - start);
            for (var i = start; i < end; i++)
            {
                ordered.Add(values[i].Value);
            }

            // A parameter named like a record field (run, subrun), or two names that sanitise alike, share the
            // attribute: values not there yet go after those that are.
            if (activity.Has(attribute))
            {
                activity.AddAll(attribute, ordered);
            }
            else
            {
                activity.SetAll(attribute, ordered);
            }

            start = end;
        }
    }

    // A parameter name's text and attribute, made once per name (names repeat from activity to activity).
    private Parameter ParameterOf(int name)
    {
        if (!_parameters.TryGetValue(name, out var parameter))
        {
            var text = _symbols.Text(name)!;
            _parameters[name] = parameter = new Parameter(text, "provcap:" + QualifiedNames.Sanitise(text));
        }

        return parameter;
    }

    // A parameter value's literal and the number it sorts by (long.MaxValue for a text), once per literal.
    private (ProvLiteral Literal, long Number) ParameterValue(int literal)
    {
        if (!_parameterValues.TryGetValue(literal, out var value))
        {
            var made = _merger.Literals.LiteralOf(literal)!;
            var number = made.Type is "xsd:int" or "xsd:long" && long.TryParse(made.Text, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue;
            _parameterValues[literal] = value = (made, number);
        }

        return value;
    }

    // The values are distinct: set the list at once (ProvElement.Add would look for each in the list).
    private void AddNumbers(IElementAttributes element, string name, in FewInts values)
    {
        var literals = new List<ProvLiteral>(_few.Count(values));
        foreach (var value in Sorted(values))
        {
            if (value != SymbolTable.None)
            {
                literals.Add(NumberOf(value));
            }
        }

        if (literals.Count > 0)
        {
            element.SetAll(name, literals);
        }
    }

    // Run and subrun numbers repeat across activities: one literal each.
    private ProvLiteral NumberOf(int symbol)
    {
        if (!_numbers.TryGetValue(symbol, out var literal))
        {
            var text = _symbols.Text(symbol)!;
            _numbers[symbol] = literal = long.TryParse(text, out _) ? new ProvLiteral(text, "xsd:int") : ProvLiteral.String(text);
        }

        return literal;
    }

    private IEnumerable<ProvElement> AgentElements() => AgentRows().Select(AgentElement);

    // The agents in order of their ids (a model's agent before a session's of the same id): a model's agent
    // as its element, a session's by its symbol (flattened, not yet an element).
    private List<AgentRow> AgentRows()
    {
        var rows = new List<AgentRow>(_agents.Count + _sessions.Count);
        foreach (var name in _agents)
        {
            rows.Add(new AgentRow(AgentId(name), AgentElement(name), SymbolTable.None));
        }

        foreach (var session in _sessions)
        {
            rows.Add(new AgentRow(SessionAgentId(session), null, session));
        }

        // A stable sort, as OrderBy was: rows of one id keep their order.
        return [.. rows.OrderBy(row => row.Id, StringComparer.Ordinal)];
    }

    private ProvElement AgentElement(int name)
    {
        var text = _symbols.Text(name)!;
        var agent = new ProvElement(ProvElementKind.Agent, AgentId(name)).Set("prov:label", ProvLiteral.String(text));
        var note = _notes.Agents.GetValueOrDefault(text);
        agent.Set("prov:type", AgentType(note?.Type));
        agent.Set("provcap:email", note?.Email is { } email ? ProvLiteral.String(email) : null);
        agent.Set("provcap:description", note?.Description is { } description ? ProvLiteral.String(description) : null);
        return agent;
    }

    // The agents section from the rows: a session's agent written from its flattened attributes.
    private int WriteAgents(JsonText json, List<AgentRow> rows)
    {
        foreach (var row in rows)
        {
            if (row.Element is null)
            {
                _sessionAgents.Flatten(row.Session);
            }
        }

        _sessionAgents.Rank();
        json.StartLater("agent"u8);
        foreach (var row in rows)
        {
            if (row.Element is { } element)
            {
                ProvJsonWriter.WriteElement(json, element);
            }
            else
            {
                _sessionAgents.Write(json, row.Session, row.Id);
            }

            json.FlushIfFull();
        }

        json.EndLater();
        return rows.Count;
    }

    // PROV's three agent types by the model's word for them (any case, either spelling of organisation);
    // another word is kept as the type's text; none is a software agent, as a pipeline is.
    private static ProvLiteral AgentType(string? type) => type?.Trim().ToLowerInvariant() switch
    {
        null or "" or "softwareagent" or "software" => ProvLiteral.QName("prov:SoftwareAgent"),
        "person" => ProvLiteral.QName("prov:Person"),
        "organization" or "organisation" => ProvLiteral.QName("prov:Organization"),
        _ => ProvLiteral.String(type!),
    };

    // A row's agent as an element: a session's made from its flattened attributes.
    private ProvElement AgentElement(AgentRow row) => row.Element ?? _sessionAgents.Element(row.Session, row.Id);

    // An agent of the document: its id, and its element or its session.
    private sealed record AgentRow(string Id, ProvElement? Element, int Session);

    private ProvLiteral? String(int symbol) => symbol == SymbolTable.None ? null : ProvLiteral.String(_symbols.Text(symbol)!);

    // An activity name's prov:type, made once per name.
    private ProvLiteral TypeOf(int name)
    {
        if (!_activityTypes.TryGetValue(name, out var type))
        {
            _activityTypes[name] = type = ProvLiteral.QName("provcap:" + QualifiedNames.Sanitise(_symbols.Text(name)!));
        }

        return type;
    }

    // Kinds, names, statuses, dates, types and hash names repeat: one literal each.
    private ProvLiteral? Shared(int symbol)
    {
        if (symbol == SymbolTable.None)
        {
            return null;
        }

        if (_shared)
        {
            // Entities and activities may be made on two threads at once (Parts).
            lock (_sharedLiterals)
            {
                return SharedLiteral(symbol);
            }
        }

        return SharedLiteral(symbol);
    }

    private ProvLiteral SharedLiteral(int symbol)
    {
        if (!_sharedLiterals.TryGetValue(symbol, out var literal))
        {
            _sharedLiterals[symbol] = literal = ProvLiteral.String(_symbols.Text(symbol)!);
        }

        return literal;
    }

    // A parameter's name and the attribute it is written as.
    private sealed record Parameter(string Text, string Attribute);
}
