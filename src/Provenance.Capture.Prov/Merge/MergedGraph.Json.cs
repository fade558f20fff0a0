using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Symbols;
using Provenance.Capture.Prov.Writers;

namespace Provenance.Capture.Prov.Merge;

/// <summary>
/// The merge's PROV-JSON, written from the symbols' bytes: ids, locations, hashes and roles go from the
/// symbol table into the text without a string, an element or a relation object in between (writing a
/// night at subrun granularity was four fifths of its merge). Entities and relations, the bulk of a
/// document, are written here, the activities through <see cref="DirectAttributes"/> and the session
/// agents from their flattened attributes (<see cref="SessionAgents"/>); the model's agents and collections,
/// few, go through their elements. Every rule of <see cref="Elements"/> and
/// <see cref="Relations"/> is kept (order, which repeats are dropped): the text is the same, and the
/// tests compare the two.
/// </summary>
internal sealed partial class MergedGraph
{
    private static readonly byte[] Ent = "ent:"u8.ToArray();
    private static readonly byte[] Act = "act:"u8.ToArray();
    private static readonly byte[] Agent = "agent:"u8.ToArray();
    private static readonly byte[] SessionAgent = "agent:session_"u8.ToArray();
    private static readonly ProvLiteral MissingTrue = new("true", "xsd:boolean");

    public IReadOnlyList<Func<JsonText, ProvCounts>> JsonParts()
    {
        var (entities, activities, agents) = Prepare();
        return
        [
            json => new ProvCounts(WriteEntities(json, entities), 0, 0, 0),
            json => new ProvCounts(
                0,
                WriteActivities(json, activities),
                WriteAgents(json, agents),
                0),
            json => new ProvCounts(0, 0, 0, WriteRelations(
                null,
                names =>
                {
                    json.StartLater(names.Section);
                    return new JsonRelations(json, names, _symbols);
                },
                () => json.EndLater())),
        ];
    }

    public GraphParts Parts()
    {
        var (entities, activities, agents) = Prepare();
        return new GraphParts(
            (output, element) => WriteEntities(entities, output, element),
            ActivityElements(activities),
            agents.Select(AgentElement),
            (text, line) => WriteRelations(null, names => new LineRelations(text, line, names.Shape, _symbols), () => { }));
    }

    // Everything that adds to the symbol table happens here, on the calling thread: the sorted ids
    // (their local parts made once), the agents' ids, the comparer. After it the sections may be made
    // on several threads at once.
    private (List<(int Key, int Node)> Entities, List<(int Key, int Group)> Activities, List<AgentRow> Agents) Prepare()
    {
        var entities = EntityEntries();
        var activities = ActivityEntries();
        // The agents' ids make the local parts of every agent and session the relations name (_agents and _sessions hold them all).
        var agents = AgentRows();
        _ = SymbolOrder;
        foreach (var (collection, member) in _memberships)
        {
            Local(collection);
            Local(member);
        }

        _shared = true;
        return (entities, activities, agents);
    }

    private int WriteEntities(JsonText json, List<(int Key, int Node)> entries)
    {
        json.StartLater("entity"u8);
        var output = new JsonEntityOutput(json);
        foreach (var (key, node) in entries)
        {
            if (node >= 0)
            {
                WriteEntity(output, key, node);
            }
            else
            {
                ProvJsonWriter.WriteElement(json, CollectionElement(LocalId("ent:", key), _collections[~node]));
            }

            json.FlushIfFull();
        }

        json.EndLater();
        return entries.Count;
    }

    // The activities section: each activity's attributes straight into the text, as its element would have them.
    private int WriteActivities(JsonText json, List<(int Key, int Group)> activities)
    {
        json.StartLater("activity"u8);
        var attributes = new DirectAttributes();
        foreach (var (key, group) in activities)
        {
            attributes.Clear();
            ActivityAttributes(attributes, group);
            attributes.Write(json, LocalId("act:", key), _all[group].Start, _all[group].End);
            json.FlushIfFull();
        }

        json.EndLater();
        return activities.Count;
    }

    // Every relation from the symbols (or those of one kind), kind after kind: section opens each kind's output, end closes it.
    private int WriteRelations(ProvRelationKind? only, Func<RelationNames, RelationOutput> section, Action end)
    {
        var relations = 0;
        foreach (var names in RelationNames.All)
        {
            if (only is { } kind && names.Shape.Kind != kind)
            {
                continue;
            }

            var written = section(names);
            switch (names.Shape.Kind)
            {
                case ProvRelationKind.Used:
                case ProvRelationKind.WasGeneratedBy:
                    WriteEntityRelations(written, names.Shape.Kind == ProvRelationKind.Used);
                    break;
                case ProvRelationKind.WasAttributedTo:
                    WriteAttributions(written);
                    break;
                case ProvRelationKind.WasAssociatedWith:
                    WriteAssociations(written);
                    break;
                case ProvRelationKind.ActedOnBehalfOf:
                    WriteDelegations(written);
                    break;
                case ProvRelationKind.WasInformedBy:
                    WriteInformants(written);
                    break;
                case ProvRelationKind.WasDerivedFrom:
                    foreach (var (from, to) in _derivations)
                    {
                        written.Add(Ent, NodeKey(from), Ent, NodeKey(to));
                    }

                    break;
                case ProvRelationKind.HadMember:
                    WriteMembers(written);
                    break;
            }

            end();
            relations += written.Count;
        }

        return relations;
    }

    // As EntityElement makes it: its attributes in ordinal order of their names.
    private void WriteEntity(EntityOutput output, int key, int entity)
    {
        output.Start(Ent, _symbols.Bytes(key));
        if (_merger.TryGetEntity(entity, out var info))
        {
            SymbolText(output, "prov:label"u8, info.Kind);
            SymbolText(output, "prov:location"u8, info.Location);
            var type = _symbols.Bytes(info.Type);
            output.Literal("prov:type"u8, type.SequenceEqual("FileCollection"u8) ? CollectionType : type.SequenceEqual("Value"u8) ? ValueType : FileType);
            SymbolText(output, "provcap:archive_path"u8, info.ArchivePath);
            SymbolText(output, "provcap:contentType"u8, info.ContentType);
            if (_notes.Entities.Count > 0 && _symbols.Text(info.Kind) is { } kind && _notes.Entities.TryGetValue(kind, out var description))
            {
                output.Text("provcap:description"u8, description);
            }

            SymbolText(output, "provcap:hash"u8, info.Hash);
            SymbolText(output, "provcap:hash_type"u8, info.HashType);
            if (info.Missing)
            {
                output.Literal("provcap:missing"u8, MissingTrue);
            }

            SymbolText(output, "provcap:problem"u8, info.Problem);
            if (info.Size != long.MinValue)
            {
                output.Number("provcap:size"u8, info.Size, "xsd:long"u8);
            }

            if (_merger.Literals.LiteralOf(info.Value) is { } value)
            {
                output.Literal("provcap:value"u8, value);
            }
        }

        output.End();
    }

    private void SymbolText(EntityOutput output, ReadOnlySpan<byte> name, int symbol)
    {
        if (symbol != SymbolTable.None)
        {
            output.Text(name, _symbols.Bytes(symbol));
        }
    }

    // used and wasGeneratedBy: each activity's entity nodes, a node and role once per activity.
    private void WriteEntityRelations(RelationOutput written, bool used)
    {
        var seen = new List<(int Node, int Role)>();
        foreach (var group in _groups)
        {
            ref var g = ref _all[group];
            var activity = Local(g.Key);
            var time = used ? null : g.End;
            seen.Clear();
            foreach (var (node, role) in EntityNodes(group, used ? g.Used : g.Generated))
            {
                var key = NodeKey(node);
                if (seen.Contains((key, role)))
                {
                    continue;
                }

                seen.Add((key, role));
                if (used)
                {
                    written.Add(Act, activity, Ent, key, role, time);
                }
                else
                {
                    written.Add(Ent, key, Act, activity, role, time);
                }
            }
        }
    }

    private void WriteAttributions(RelationOutput written)
    {
        var seen = new HashSet<(int, int)>();
        var agents = new List<int>();
        foreach (var group in _groups)
        {
            agents.Clear();
            agents.AddRange(Sorted(_all[group].Agents));
            foreach (var (node, _) in EntityNodes(group, _all[group].Generated))
            {
                foreach (var agent in agents)
                {
                    // Only a collection, or a file two activities generated, can be attributed twice.
                    if ((node >= 0 && !_generatedAgain.Contains(node)) || seen.Add((node, agent)))
                    {
                        written.Add(Ent, NodeKey(node), Agent, Local(agent));
                    }
                }
            }
        }
    }

    // An activity's agents, then its sessions' agents; an agent named like a session's agent ("session_…") is one agent.
    private void WriteAssociations(RelationOutput written)
    {
        var seen = new List<(byte[] Head, int Local)>();
        foreach (var group in _groups)
        {
            ref var g = ref _all[group];
            var activity = Local(g.Key);
            seen.Clear();
            foreach (var agent in Sorted(g.Agents))
            {
                Associate(written, seen, activity, Agent, Local(agent));
            }

            foreach (var session in Sorted(g.Sessions))
            {
                Associate(written, seen, activity, SessionAgent, Local(session));
            }
        }
    }

    private void Associate(RelationOutput written, List<(byte[] Head, int Local)> seen, int activity, byte[] head, int local)
    {
        foreach (var (otherHead, otherLocal) in seen)
        {
            if (SameId(otherHead, otherLocal, head, local))
            {
                return;
            }
        }

        seen.Add((head, local));
        written.Add(Act, activity, head, local);
    }

    // Whether two qualified names made of a head and a symbol's bytes are the same text.
    private bool SameId(byte[] head, int local, byte[] otherHead, int otherLocal)
    {
        if (ReferenceEquals(head, otherHead))
        {
            return local == otherLocal;
        }

        // The shorter head first: its tail must hold the rest of the longer head, then the other tail.
        return head.Length <= otherHead.Length
            ? SameText(head, _symbols.Bytes(local), otherHead, _symbols.Bytes(otherLocal))
            : SameText(otherHead, _symbols.Bytes(otherLocal), head, _symbols.Bytes(local));
    }

    private static bool SameText(ReadOnlySpan<byte> shortHead, ReadOnlySpan<byte> tail, ReadOnlySpan<byte> longHead, ReadOnlySpan<byte> otherTail)
        => shortHead.Length + tail.Length == longHead.Length + otherTail.Length
            && longHead.StartsWith(shortHead)
            && tail.StartsWith(longHead[shortHead.Length..])
            && tail[(longHead.Length - shortHead.Length)..].SequenceEqual(otherTail);

    // actedOnBehalfOf: each session's agent for each agent of its activities, once in the document.
    private void WriteDelegations(RelationOutput written)
    {
        var seen = new HashSet<(int, int)>();
        foreach (var group in _groups)
        {
            ref var g = ref _all[group];
            foreach (var session in Sorted(g.Sessions))
            {
                foreach (var agent in Sorted(g.Agents))
                {
                    var (delegate_, responsible) = (Local(session), Local(agent));
                    if (seen.Add((delegate_, responsible)))
                    {
                        written.Add(SessionAgent, delegate_, Agent, responsible);
                    }
                }
            }
        }
    }

    private void WriteInformants(RelationOutput written)
    {
        var seen = new List<int>();
        foreach (var group in _groups)
        {
            var activity = Local(_all[group].Key);
            seen.Clear();
            foreach (var parent in Symbols(_all[group].Parents))
            {
                if (_merger.GroupOfActivity(parent) is { } informant && informant != group)
                {
                    var key = Local(_all[informant].Key);
                    if (!seen.Contains(key))
                    {
                        seen.Add(key);
                        written.Add(Act, activity, Act, key);
                    }
                }
            }
        }
    }

    private void WriteMembers(RelationOutput written)
    {
        var seen = new HashSet<(int, int)>();
        if (_merger.Options.IncludeMembers)
        {
            foreach (var collection in _collections)
            {
                foreach (var member in collection.Members.Order(SymbolOrder))
                {
                    Member(written, seen, collection.Key, Local(member));
                }
            }
        }

        foreach (var (collection, member) in _memberships)
        {
            Member(written, seen, Local(collection), Local(member));
        }
    }

    private static void Member(RelationOutput written, HashSet<(int, int)> seen, int collection, int member)
    {
        if (seen.Add((collection, member)))
        {
            written.Add(Ent, collection, Ent, member);
        }
    }

    // The symbol of a node's local part: an entity's, or a collection's key.
    private int NodeKey(int node) => node >= 0 ? Local(node) : _collections[~node].Key;

    // Where the relation walkers put each relation of a kind: two qualified names (a head and a local
    // part's symbol each), a role and a time.
    private abstract class RelationOutput
    {
        public int Count { get; protected set; }

        public abstract void Add(byte[] subjectHead, int subject, byte[] objectHead, int @object, int role = SymbolTable.None, DateTimeOffset? time = null);
    }

    // One relation section's PROV-JSON: numbered blank-node ids, the two arguments as qualified names, role and time.
    private sealed class JsonRelations(JsonText json, RelationNames names, SymbolTable symbols) : RelationOutput
    {
        public override void Add(byte[] subjectHead, int subject, byte[] objectHead, int @object, int role = SymbolTable.None, DateTimeOffset? time = null)
        {
            json.Name(names.BlankNode, ++Count);
            json.StartObject();
            json.QualifiedName(names.SubjectKey, subjectHead, symbols.Bytes(subject));
            json.QualifiedName(names.ObjectKey, objectHead, symbols.Bytes(@object));
            if (role != SymbolTable.None)
            {
                json.String("prov:role"u8, symbols.Bytes(role));
            }

            if (time is { } at)
            {
                json.Time("prov:time"u8, at);
            }

            json.EndObject();
            json.FlushIfFull();
        }
    }

    // A relation kind's lines of a text format.
    private sealed class LineRelations(LineText text, IRelationLine line, ProvRelationShape shape, SymbolTable symbols) : RelationOutput
    {
        public override void Add(byte[] subjectHead, int subject, byte[] objectHead, int @object, int role = SymbolTable.None, DateTimeOffset? time = null)
        {
            Count++;
            line.Write(text, shape, subjectHead, symbols.Bytes(subject), objectHead, symbols.Bytes(@object), role == SymbolTable.None ? null : symbols.Text(role), time);
            text.FlushIfFull();
        }
    }
}
