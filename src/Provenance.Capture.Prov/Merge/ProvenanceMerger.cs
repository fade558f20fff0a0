using System.Globalization;
using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Readers;
using Provenance.Capture.Records;

namespace Provenance.Capture.Prov.Merge;

/// <summary>The outcome of a merge.</summary>
/// <param name="Document">The merged PROV document.</param>
/// <param name="Problems">Lines skipped, with file and line.</param>
/// <param name="RecordsRead">Records read.</param>
/// <param name="IncompleteActivities">Activities with a start and no end (kept, marked incomplete).</param>
public sealed record MergeResult(ProvDocument Document, IReadOnlyList<ReadProblem> Problems, long RecordsRead, int IncompleteActivities);

/// <summary>
/// Merges provenance records from many logs into one PROV document at the chosen granularity,
/// streaming: state grows with the activities and entities kept, not with the log size.
/// </summary>
public sealed class ProvenanceMerger
{
    private readonly MergeOptions _options;
    private readonly HashSet<string> _runs;
    private readonly HashSet<string> _subruns;
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Group> _byActivity = new(StringComparer.Ordinal);
    private readonly HashSet<string> _rejected = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EntityInfo> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SessionInfo> _sessions = new(StringComparer.Ordinal);
    private readonly HashSet<(string Generated, string Progenitor)> _derivations = [];
    private readonly HashSet<(string Collection, string Member)> _memberships = [];
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private long _records;

    /// <summary>Creates a merger.</summary>
    /// <param name="options">What to keep and how finely.</param>
    public ProvenanceMerger(MergeOptions options)
    {
        _options = options;
        _runs = options.Runs.Select(MergeOptions.NormaliseNumber).ToHashSet(StringComparer.Ordinal);
        _subruns = options.Subruns.Select(MergeOptions.NormaliseNumber).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Reads log files and merges them.</summary>
    /// <param name="files">Log files (CLEF or LST, plain or gzip).</param>
    /// <param name="options">What to keep and how finely.</param>
    /// <param name="progress">Called with the records read so far, every 100,000 records.</param>
    /// <returns>The merged document and what was skipped.</returns>
    public static MergeResult Merge(IEnumerable<string> files, MergeOptions options, Action<long>? progress = null)
    {
        var reader = new LogReader();
        var merger = new ProvenanceMerger(options);
        foreach (var record in reader.Read(files))
        {
            merger.Add(record);
            if (progress is not null && merger._records % 100_000 == 0)
            {
                progress(merger._records);
            }
        }

        var (document, incomplete) = merger.Build();
        return new MergeResult(document, reader.Problems, merger._records, incomplete);
    }

    /// <summary>Takes one record into account.</summary>
    /// <param name="record">The record.</param>
    public void Add(LogRecord record)
    {
        _records++;
        switch (record.Kind)
        {
            case RecordKinds.Session:
                AddSession(record);
                break;
            case RecordKinds.ActivityStart:
                AddStart(record);
                break;
            case RecordKinds.ActivityEnd:
                AddEnd(record);
                break;
            case RecordKinds.Entity:
                AddEntity(record);
                break;
            case RecordKinds.Parameters when GroupOf(record) is { } group:
                AddParameters(group, record.Map(RecordFields.Parameters));
                break;
            case RecordKinds.Used when GroupOf(record) is { } group && record.Text(RecordFields.UsedId) is { } used:
                group.Used.Add((used, Intern(record.Text(RecordFields.UsedRole))));
                break;
            case RecordKinds.Generated when GroupOf(record) is { } group && record.Text(RecordFields.GeneratedId) is { } generated:
                group.Generated.Add((generated, Intern(record.Text(RecordFields.GeneratedRole))));
                break;
            case RecordKinds.Derivation when record.Text(RecordFields.EntityId) is { } entity && record.Text(RecordFields.ProgenitorId) is { } progenitor:
                _derivations.Add((entity, progenitor));
                break;
            case RecordKinds.Membership when record.Text(RecordFields.EntityId) is { } collection && record.Text(RecordFields.MemberId) is { } member:
                _memberships.Add((collection, member));
                break;
        }
    }

    // Entity kinds, types and roles repeat millions of times in a large log: keep one copy of each.
    private string? Intern(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (_strings.TryGetValue(text, out var known))
        {
            return known;
        }

        if (_strings.Count < 100_000)
        {
            _strings[text] = text;
        }

        return text;
    }

    private Group? GroupOf(LogRecord record)
        => record.Text(RecordFields.ActivityId) is { } id && _byActivity.TryGetValue(id, out var group) ? group : null;

    private void AddSession(LogRecord record)
    {
        var id = record.Text(RecordFields.SessionId);
        if (id is null || _sessions.ContainsKey(id))
        {
            return;
        }

        var attributes = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in record.Fields)
        {
            if (key.StartsWith('@') || key is RecordFields.Kind or RecordFields.SchemaVersion or RecordFields.SessionId or "EventId" or "SourceContext")
            {
                continue;
            }

            attributes[key] = value;
        }

        _sessions[id] = new SessionInfo(id, record.Text(RecordFields.SessionTag), attributes);
    }

    private void AddStart(LogRecord record)
    {
        var id = record.Text(RecordFields.ActivityId);
        var name = record.Text(RecordFields.Name) ?? "activity";
        if (id is null || !Selected(record, name))
        {
            if (id is not null)
            {
                _rejected.Add(id);
            }

            return;
        }

        var run = record.Text(RecordFields.Run) is { } r ? MergeOptions.NormaliseNumber(r) : null;
        var subrun = record.Text(RecordFields.Subrun) is { } s ? MergeOptions.NormaliseNumber(s) : null;
        var key = _options.Granularity switch
        {
            Granularity.Subrun => id,
            Granularity.Run => run is null ? name : $"{name}_run{run}",
            _ => name,
        };
        if (!_groups.TryGetValue(key, out var group))
        {
            _groups[key] = group = new Group(key, name);
        }

        _byActivity[id] = group;
        group.Calls++;
        group.Runs.Add(Intern(run));
        group.Subruns.Add(Intern(subrun));
        group.Dates.Add(Intern(record.Text(RecordFields.ObservationDate)));
        var start = record.Time(RecordFields.StartTime);
        if (start is not null && (group.Start is null || start < group.Start))
        {
            group.Start = start;
        }

        if (record.Text(RecordFields.InSession) is { } session)
        {
            group.Sessions.Add(Intern(session)!);
        }

        if (record.Text(RecordFields.AgentName) is { } agent)
        {
            group.Agents.Add(Intern(agent)!);
        }

        if (record.Text(RecordFields.ParentActivityId) is { } parent)
        {
            group.Parents.Add(parent);
        }

        AddParameters(group, record.Map(RecordFields.Parameters));
        foreach (var item in record.List(RecordFields.Used))
        {
            if (item is IReadOnlyDictionary<string, object?> used && LogRecord.AsText(used.GetValueOrDefault(RecordFields.UsedId)) is { } usedId)
            {
                group.Used.Add((usedId, Intern(LogRecord.AsText(used.GetValueOrDefault(RecordFields.UsedRole)))));
            }
        }
    }

    private bool Selected(LogRecord record, string name)
    {
        if (_options.Activities.Count > 0 && !_options.Activities.Contains(name))
        {
            return false;
        }

        if (_runs.Count > 0 && (record.Text(RecordFields.Run) is not { } run || !_runs.Contains(MergeOptions.NormaliseNumber(run))))
        {
            return false;
        }

        if (_subruns.Count > 0 && (record.Text(RecordFields.Subrun) is not { } subrun || !_subruns.Contains(MergeOptions.NormaliseNumber(subrun))))
        {
            return false;
        }

        if (_options.SessionTags.Count > 0)
        {
            var session = record.Text(RecordFields.InSession);
            var tag = session is not null && _sessions.TryGetValue(session, out var info) ? info.Tag : null;
            if (tag is null || !_options.SessionTags.Contains(tag))
            {
                return false;
            }
        }

        if (_options.From is null && _options.To is null)
        {
            return true;
        }

        var start = record.Time(RecordFields.StartTime);
        return !(_options.From is { } from && (start is null || start < from)) && !(_options.To is { } to && (start is null || start >= to));
    }

    private static void AddParameters(Group group, IReadOnlyDictionary<string, object?>? parameters)
    {
        if (parameters is null)
        {
            return;
        }

        foreach (var (name, value) in parameters)
        {
            group.Parameters ??= new SortedDictionary<string, SmallSet<ProvLiteral>>(StringComparer.Ordinal);
            if (!group.Parameters.TryGetValue(name, out var values))
            {
                group.Parameters[name] = values = new SmallSet<ProvLiteral>();
            }

            if (Literal(value) is { } literal)
            {
                values.Add(literal);
            }
        }
    }

    private void AddEnd(LogRecord record)
    {
        if (GroupOf(record) is not { } group)
        {
            return;
        }

        group.Ended++;
        var end = record.Time(RecordFields.EndTime);
        if (end is not null && (group.End is null || end > group.End))
        {
            group.End = end;
        }

        if (record.Text(RecordFields.Status) is { } status)
        {
            group.Statuses.Add(Intern(status)!);
        }

        if (record.Text(RecordFields.ExceptionType) is { } exception)
        {
            group.Failures.Add($"{exception}: {record.Text(RecordFields.ExceptionMessage)}");
        }

        foreach (var item in record.List(RecordFields.Generated))
        {
            if (item is IReadOnlyDictionary<string, object?> generated && LogRecord.AsText(generated.GetValueOrDefault(RecordFields.GeneratedId)) is { } id)
            {
                group.Generated.Add((id, Intern(LogRecord.AsText(generated.GetValueOrDefault(RecordFields.GeneratedRole)))));
            }
        }

        foreach (var item in record.List(RecordFields.Derivations))
        {
            if (item is IReadOnlyDictionary<string, object?> derivation
                && LogRecord.AsText(derivation.GetValueOrDefault(RecordFields.GeneratedId)) is { } generatedId
                && LogRecord.AsText(derivation.GetValueOrDefault(RecordFields.ProgenitorId)) is { } progenitor)
            {
                _derivations.Add((generatedId, progenitor));
            }
        }
    }

    private void AddEntity(LogRecord record)
    {
        var id = record.Text(RecordFields.EntityId);
        if (id is null)
        {
            return;
        }

        var kind = record.Text(RecordFields.Name);
        var collection = kind is not null && _options.Model?.Entities.GetValueOrDefault(kind) is { } description
            ? description.Collection
            : record.Text(RecordFields.Collection);
        _entities[id] = new EntityInfo(
            Intern(kind),
            Intern(record.Text(RecordFields.EntityType)),
            record.Text(RecordFields.Location),
            record.Text(RecordFields.Hash),
            Intern(record.Text(RecordFields.HashType)),
            record.Fields.GetValueOrDefault(RecordFields.Size),
            Intern(record.Text(RecordFields.ContentType)),
            record.Text(RecordFields.ArchivePath),
            record.Fields.GetValueOrDefault(RecordFields.Missing) is true,
            record.Fields.GetValueOrDefault(RecordFields.Value),
            Intern(collection));
        foreach (var member in record.List(RecordFields.MemberIds))
        {
            if (LogRecord.AsText(member) is { } memberId)
            {
                _memberships.Add((id, memberId));
            }
        }
    }

    /// <summary>Builds the document from everything added.</summary>
    /// <returns>The document and the number of incomplete activities.</returns>
    public (ProvDocument Document, int Incomplete) Build() => new DocumentBuilder(this).Build();

    private static ProvLiteral? Literal(object? value) => value switch
    {
        null => null,
        string s => ProvLiteral.String(s),
        bool b => new ProvLiteral(b ? "true" : "false", "xsd:boolean"),
        long l when l is >= int.MinValue and <= int.MaxValue => new ProvLiteral(l.ToString(CultureInfo.InvariantCulture), "xsd:int"),
        long l => new ProvLiteral(l.ToString(CultureInfo.InvariantCulture), "xsd:long"),
        double d => new ProvLiteral(d.ToString("R", CultureInfo.InvariantCulture), "xsd:double"),
        _ => ProvLiteral.String(LogRecord.AsText(value) ?? string.Empty),
    };

    private sealed class Group(string key, string name)
    {
        public string Key { get; } = key;

        public string Name { get; } = name;

        public int Calls;
        public int Ended;
        public DateTimeOffset? Start;
        public DateTimeOffset? End;
        // Small sets: at subrun granularity almost every one holds a single value, so they are lists,
        // allocated on first use; values are sorted when the document is built.
        public readonly SmallSet<string?> Runs = new();
        public readonly SmallSet<string?> Subruns = new();
        public readonly SmallSet<string?> Dates = new();
        public readonly SmallSet<string> Sessions = new();
        public readonly SmallSet<string> Agents = new();
        public readonly SmallSet<string> Statuses = new();
        public readonly SmallSet<string> Failures = new();
        public readonly SmallSet<string> Parents = new();
        public SortedDictionary<string, SmallSet<ProvLiteral>>? Parameters;
        public readonly SmallSet<(string Id, string? Role)> Used = new();
        public readonly SmallSet<(string Id, string? Role)> Generated = new();

        public string? SingleRun => Runs.Count == 1 ? Runs.First : null;
    }

    private sealed record EntityInfo(
        string? Kind, string? Type, string? Location, string? Hash, string? HashType, object? Size,
        string? ContentType, string? ArchivePath, bool Missing, object? Value, string? Collection);

    private sealed record SessionInfo(string Id, string? Tag, SortedDictionary<string, object?> Attributes);

    /// <summary>Turns the aggregated state into PROV: ids, collections, relations.</summary>
    private sealed class DocumentBuilder(ProvenanceMerger merger)
    {
        private readonly ProvDocument _document = new();
        private readonly Dictionary<string, HashSet<string>> _collectionMembers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _collectionOf = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _generatedBy = new(StringComparer.Ordinal);

        public (ProvDocument, int) Build()
        {
            var incomplete = 0;
            foreach (var group in merger._groups.Values.OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                incomplete += AddActivity(group);
            }

            foreach (var (collection, members) in _collectionMembers)
            {
                FinishCollection(collection, members);
            }

            AddDerivations();
            AddMemberships();
            return (_document, incomplete);
        }

        private int AddActivity(Group group)
        {
            var id = "act:" + Sanitise(group.Key);
            var activity = _document.Element(ProvElementKind.Activity, id);
            activity.StartTime = group.Start;
            activity.EndTime = group.End;
            activity.Set("prov:label", ProvLiteral.String(group.Name));
            activity.Set("prov:type", ProvLiteral.QName("provcap:" + Sanitise(group.Name)));
            AddAll(activity, "provcap:run", group.Runs.Sorted(), "xsd:int");
            AddAll(activity, "provcap:subrun", group.Subruns.Sorted(), "xsd:int");
            AddAll(activity, "provcap:observation_date", group.Dates.Sorted(), null);
            if (merger._options.Granularity != Granularity.Subrun)
            {
                activity.Set("provcap:calls", new ProvLiteral(group.Calls.ToString(CultureInfo.InvariantCulture), "xsd:int"));
            }

            var incomplete = group.Calls - group.Ended;
            foreach (var status in group.Statuses.Sorted())
            {
                activity.Add("provcap:status", ProvLiteral.String(status));
            }

            if (incomplete > 0)
            {
                activity.Add("provcap:status", ProvLiteral.String("incomplete"));
                activity.Set("provcap:incomplete_calls", new ProvLiteral(incomplete.ToString(CultureInfo.InvariantCulture), "xsd:int"));
            }

            foreach (var failure in group.Failures.Sorted())
            {
                activity.Add("provcap:failure", ProvLiteral.String(failure));
            }

            foreach (var (name, values) in group.Parameters ?? [])
            {
                // Numbers in numeric order (subruns 2 before 10), text in ordinal order.
                foreach (var value in values.Items.OrderBy(v => v.Type is "xsd:int" or "xsd:long" && long.TryParse(v.Text, out var n) ? n : long.MaxValue).ThenBy(v => v.Text, StringComparer.Ordinal))
                {
                    activity.Add("provcap:" + Sanitise(name), value);
                }
            }

            foreach (var agentName in group.Agents.Sorted())
            {
                var agent = _document.Element(ProvElementKind.Agent, "agent:" + Sanitise(agentName));
                agent.Set("prov:label", ProvLiteral.String(agentName));
                agent.Set("prov:type", ProvLiteral.QName("prov:SoftwareAgent"));
                _document.Add(new ProvRelation(ProvRelationKind.WasAssociatedWith, id, agent.Id));
            }

            foreach (var sessionId in group.Sessions.Sorted())
            {
                var session = AddSession(sessionId);
                _document.Add(new ProvRelation(ProvRelationKind.WasAssociatedWith, id, session));
                foreach (var agentName in group.Agents.Sorted())
                {
                    _document.Add(new ProvRelation(ProvRelationKind.ActedOnBehalfOf, session, "agent:" + Sanitise(agentName)));
                }
            }

            foreach (var parent in group.Parents.Items)
            {
                if (merger._byActivity.TryGetValue(parent, out var parentGroup) && parentGroup != group)
                {
                    _document.Add(new ProvRelation(ProvRelationKind.WasInformedBy, id, "act:" + Sanitise(parentGroup.Key)));
                }
            }

            foreach (var (entityId, role) in group.Used.Items.OrderBy(u => u.Id, StringComparer.Ordinal))
            {
                _document.Add(new ProvRelation(ProvRelationKind.Used, id, EntityFor(entityId, group)) { Role = role });
            }

            foreach (var (entityId, role) in group.Generated.Items.OrderBy(u => u.Id, StringComparer.Ordinal))
            {
                var entity = EntityFor(entityId, group);
                _generatedBy.TryAdd(entityId, entity);
                _document.Add(new ProvRelation(ProvRelationKind.WasGeneratedBy, entity, id) { Role = role, Time = group.End });
                foreach (var agentName in group.Agents.Sorted())
                {
                    _document.Add(new ProvRelation(ProvRelationKind.WasAttributedTo, entity, "agent:" + Sanitise(agentName)));
                }
            }

            return incomplete;
        }

        private string AddSession(string sessionId)
        {
            var id = "agent:session_" + Sanitise(sessionId);
            if (_document.Agents.ContainsKey(id))
            {
                return id;
            }

            var agent = _document.Element(ProvElementKind.Agent, id);
            agent.Set("prov:type", ProvLiteral.QName("prov:SoftwareAgent"));
            agent.Set("provcap:session_id", ProvLiteral.String(sessionId));
            if (merger._sessions.TryGetValue(sessionId, out var session))
            {
                agent.Set("prov:label", ProvLiteral.String(session.Tag ?? sessionId));
                foreach (var (key, value) in session.Attributes)
                {
                    Flatten(agent, Sanitise(key), value);
                }
            }

            return id;
        }

        // PROV-JSON attribute values are literals: nested session info becomes flat, prefixed attributes.
        private static void Flatten(ProvElement element, string name, object? value)
        {
            switch (value)
            {
                case null:
                    return;
                case IReadOnlyDictionary<string, object?> map:
                    foreach (var (key, inner) in map)
                    {
                        Flatten(element, name + "_" + Sanitise(key), inner);
                    }

                    return;
                case IReadOnlyList<object?> list:
                    foreach (var item in list)
                    {
                        if (LogRecord.AsText(item) is { } text)
                        {
                            element.Add("provcap:" + name, ProvLiteral.String(text));
                        }
                    }

                    return;
                default:
                    element.Set("provcap:" + name, Literal(value));
                    return;
            }
        }

        private string EntityFor(string rawId, Group group)
        {
            var info = merger._entities.GetValueOrDefault(rawId);
            if (merger._options.Granularity != Granularity.Subrun && info?.Collection is { } collection)
            {
                var scope = merger._options.Granularity == Granularity.Run && group.SingleRun is { } run ? "_run" + run : string.Empty;
                var collectionId = "ent:" + Sanitise(collection + scope);
                if (!_collectionMembers.TryGetValue(collectionId, out var members))
                {
                    _collectionMembers[collectionId] = members = [];
                    _document.Element(ProvElementKind.Entity, collectionId).Set("prov:label", ProvLiteral.String(collection));
                }

                members.Add(rawId);
                _collectionOf.TryAdd(rawId, collectionId);
                return collectionId;
            }

            return DeclareEntity(rawId, info);
        }

        private string DeclareEntity(string rawId, EntityInfo? info)
        {
            var id = "ent:" + Sanitise(rawId);
            if (_document.Entities.ContainsKey(id))
            {
                return id;
            }

            var entity = _document.Element(ProvElementKind.Entity, id);
            if (info is null)
            {
                return id;
            }

            entity.Set("prov:label", info.Kind is null ? null : ProvLiteral.String(info.Kind));
            entity.Set("prov:type", info.Type switch
            {
                "FileCollection" => ProvLiteral.QName("prov:Collection"),
                "Value" => ProvLiteral.QName("provcap:Value"),
                _ => ProvLiteral.QName("provcap:File"),
            });
            entity.Set("prov:location", info.Location is null ? null : ProvLiteral.String(info.Location));
            entity.Set("provcap:hash", info.Hash is null ? null : ProvLiteral.String(info.Hash));
            entity.Set("provcap:hash_type", info.HashType is null ? null : ProvLiteral.String(info.HashType));
            entity.Set("provcap:size", info.Size is null ? null : new ProvLiteral(LogRecord.AsText(info.Size)!, "xsd:long"));
            entity.Set("provcap:contentType", info.ContentType is null ? null : ProvLiteral.String(info.ContentType));
            entity.Set("provcap:archive_path", info.ArchivePath is null ? null : ProvLiteral.String(info.ArchivePath));
            entity.Set("provcap:value", Literal(info.Value));
            if (info.Missing)
            {
                entity.Set("provcap:missing", new ProvLiteral("true", "xsd:boolean"));
            }

            return id;
        }

        private void FinishCollection(string collectionId, HashSet<string> members)
        {
            var entity = _document.Entities[collectionId];
            entity.Set("prov:type", ProvLiteral.QName("prov:Collection"));
            entity.Set("provcap:member_count", new ProvLiteral(members.Count.ToString(CultureInfo.InvariantCulture), "xsd:int"));
            var locations = members.Select(m => merger._entities.GetValueOrDefault(m)?.Location).OfType<string>().ToList();
            if (CommonDirectory(locations) is { } location)
            {
                entity.Set("prov:location", ProvLiteral.String(location));
            }

            if (merger._options.IncludeMembers)
            {
                foreach (var member in members.Order(StringComparer.Ordinal))
                {
                    _document.Add(new ProvRelation(ProvRelationKind.HadMember, collectionId, DeclareEntity(member, merger._entities.GetValueOrDefault(member))));
                }
            }
        }

        private static string? CommonDirectory(List<string> paths)
        {
            if (paths.Count == 0)
            {
                return null;
            }

            var common = Path.GetDirectoryName(paths[0]) ?? string.Empty;
            foreach (var path in paths)
            {
                while (common.Length > 0 && !(path.StartsWith(common, StringComparison.Ordinal) && (path.Length == common.Length || path[common.Length] is '/' or '\\')))
                {
                    common = Path.GetDirectoryName(common) ?? string.Empty;
                }
            }

            return common.Length == 0 ? null : common;
        }

        private string? Mapped(string rawId)
        {
            var id = "ent:" + Sanitise(rawId);
            if (_document.Entities.ContainsKey(id))
            {
                return id;
            }

            return _collectionOf.GetValueOrDefault(rawId);
        }

        private void AddDerivations()
        {
            foreach (var (generated, progenitor) in merger._derivations.OrderBy(d => d.Generated, StringComparer.Ordinal).ThenBy(d => d.Progenitor, StringComparer.Ordinal))
            {
                if (!_generatedBy.ContainsKey(generated))
                {
                    continue;
                }

                var from = Mapped(generated);
                var to = Mapped(progenitor);
                if (from is not null && to is not null && from != to)
                {
                    _document.Add(new ProvRelation(ProvRelationKind.WasDerivedFrom, from, to));
                }
            }
        }

        private void AddMemberships()
        {
            foreach (var (collection, member) in merger._memberships.OrderBy(m => m.Collection, StringComparer.Ordinal).ThenBy(m => m.Member, StringComparer.Ordinal))
            {
                var collectionId = "ent:" + Sanitise(collection);
                if (_document.Entities.ContainsKey(collectionId))
                {
                    _document.Add(new ProvRelation(ProvRelationKind.HadMember, collectionId, DeclareEntity(member, merger._entities.GetValueOrDefault(member))));
                }
            }
        }

        private static void AddAll(ProvElement element, string name, IEnumerable<string?> values, string? type)
        {
            foreach (var value in values)
            {
                if (value is not null)
                {
                    element.Add(name, type is not null && long.TryParse(value, out _) ? new ProvLiteral(value, type) : ProvLiteral.String(value));
                }
            }
        }
    }

    /// <summary>Makes a text usable as the local part of a qualified name.</summary>
    /// <param name="text">Any text.</param>
    /// <returns>Letters, digits, <c>_</c>, <c>-</c> and <c>.</c> only.</returns>
    public static string Sanitise(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(chars[i]) || chars[i] is '_' or '-' or '.'))
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }
}
