using Provenance.Capture.Model;
using Provenance.Capture.Prov.Readers;
using Provenance.Capture.Prov.Symbols;
using Provenance.Capture.Records;

namespace Provenance.Capture.Prov.Merge;

/// <summary>
/// Merges provenance records from many logs into one PROV graph at the chosen granularity, streaming:
/// log lines are decoded straight into compact state (texts stored once, as symbols), which grows
/// with the activities and entities kept, not with the log size.
/// </summary>
public sealed class ProvenanceMerger
{
    private readonly MergeOptions _options;
    private readonly RecordSymbols _symbols;
    private readonly DecodedRecord _record = new();
    private readonly HashSet<int> _runs;
    private readonly HashSet<int> _subruns;
    private readonly HashSet<int> _activities;
    private readonly HashSet<int> _sessionTags;
    private readonly Dictionary<int, int> _byKey = [];
    private readonly Blocks<int> _groupOfActivity = new();
    private readonly Blocks<int> _entityOfSymbol = new();

    // 1 for an activity whose end was taken: a log merged twice, or a record repeated, counts once.
    private readonly Blocks<int> _ended = new();
    private readonly Blocks<EntityInfo> _entities = new();
    private readonly FewStore _few = new();
    private readonly Dictionary<int, List<string>> _failures = [];

    // Records of activities whose start has not been read yet (lines out of order, files in any order):
    // applied when the start comes, dropped if it never does or is filtered out.
    private readonly Dictionary<int, List<DecodedRecord>> _early = [];

    // _groupOfActivity holds group + 1, 0 for an activity not seen yet, and this for one started but filtered out.
    private const int NotKept = -1;
    private readonly Blocks<Group> _groups = new();
    private readonly Dictionary<int, SessionInfo> _sessions = [];
    // Kept as read (repeats included): the graph sorts them and drops repeats in one pass.
    private readonly List<(int Generated, int Progenitor)> _derivations = [];
    private readonly List<(int Collection, int Member)> _memberships = [];
    // The model's collection of each entity name, by symbols.
    private readonly Dictionary<int, int> _modelCollections;
    // Descriptions, units and agents: the model's given to the merge first, then each session's.
    private readonly ModelNotes _notes;
    private long _records;

    /// <summary>Creates a merger.</summary>
    /// <param name="options">What to keep and how finely.</param>
    public ProvenanceMerger(MergeOptions options)
        : this(options, 4096)
    {
    }

    private ProvenanceMerger(MergeOptions options, int expectedSymbols)
    {
        _options = options;
        _symbols = new RecordSymbols(expectedSymbols);
        var table = _symbols.Table;
        _runs = options.Runs.Select(r => table.Intern(RunNumbers.Normalise(r))).ToHashSet();
        _subruns = options.Subruns.Select(s => table.Intern(RunNumbers.Normalise(s))).ToHashSet();
        _activities = options.Activities.Select(table.Intern).ToHashSet();
        _sessionTags = options.SessionTags.Select(table.Intern).ToHashSet();
        _notes = options.Model is { } model ? ModelNotes.Of(model) : new ModelNotes();
        _modelCollections = options.Model?.Entities.ToDictionary(e => table.Intern(e.Key), e => table.Intern(e.Value.Collection)) ?? [];
        Rules = new GranularityRules(options.Granularity, table);
    }

    internal SymbolTable Symbols => _symbols.Table;

    internal MergeOptions Options => _options;

    internal GranularityRules Rules { get; }

    internal RecordSymbols Literals => _symbols;

    internal FewStore Sets => _few;

    /// <summary>The output activities.</summary>
    internal Blocks<Group> Groups => _groups;

    /// <summary>The group an activity id went into.</summary>
    internal int? GroupOfActivity(int activity) => _groupOfActivity.Get(activity) is var index && index > 0 ? index - 1 : null;

    /// <summary>The last entity record of an id.</summary>
    internal bool TryGetEntity(int entity, out EntityInfo info)
    {
        var index = _entityOfSymbol.Get(entity) - 1;
        info = index >= 0 ? _entities[index] : default;
        return index >= 0;
    }

    internal IReadOnlyDictionary<int, List<string>> Failures => _failures;

    internal ModelNotes Notes => _notes;

    internal IReadOnlyDictionary<int, SessionInfo> Sessions => _sessions;

    internal IEnumerable<(int Generated, int Progenitor)> Derivations => _derivations;

    internal IEnumerable<(int Collection, int Member)> Memberships => _memberships;

    /// <summary>Reads log files and merges them.</summary>
    /// <param name="files">Log files (CLEF or LST, plain or gzip).</param>
    /// <param name="options">What to keep and how finely.</param>
    /// <param name="progress">Called with the records read so far, every 100,000 records.</param>
    /// <returns>The merged graph and what was skipped.</returns>
    public static MergeResult Merge(IEnumerable<string> files, MergeOptions options, Action<long>? progress = null)
    {
        var reader = new LogReader
        {
            LstFastPaths = options.LstFastPaths,
            Threads = options.ReadThreads,
            BatchLines = options.BatchLines,
            WorkerSymbolLimit = options.WorkerSymbolLimit,
        };
        var list = files.ToList();
        var merger = new ProvenanceMerger(options, ExpectedSymbols(list));
        reader.Scan(list, merger._symbols, new Consumer(merger, progress));
        var graph = new MergedGraph(merger);
        return new MergeResult(graph, reader.Problems, reader.ProblemCount, merger._records, graph.IncompleteActivities, merger.Unstarted());
    }

    // About one distinct text (id, location) per 500 bytes of capture's logs; compressed logs hold ~8 times their size.
    private static int ExpectedSymbols(List<string> files)
    {
        long bytes = 0;
        foreach (var file in files)
        {
            var info = new FileInfo(file);
            bytes += !info.Exists ? 0 : file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? info.Length * 8 : info.Length;
        }

        // Capped: filters may keep a small part of a huge night, and the table grows as needed anyway.
        return (int)Math.Clamp(bytes / 500, 4096, 1 << 21);
    }

    /// <summary>Takes one record into account.</summary>
    /// <param name="record">The record.</param>
    public void Add(LogRecord record)
    {
        _record.Load(record, _symbols);
        Add(_record);
    }

    /// <summary>The merge of everything added, as <see cref="Merge"/> returns it (no read problems: records were given whole).</summary>
    /// <returns>The merged graph.</returns>
    public MergeResult Result()
    {
        var graph = new MergedGraph(this);
        return new MergeResult(graph, [], 0, _records, graph.IncompleteActivities, Unstarted());
    }

    private sealed class Consumer(ProvenanceMerger merger, Action<long>? progress) : IRecordConsumer
    {
        public void Take(DecodedRecord record)
        {
            merger.Add(record);
            if (progress is not null && merger._records % 100_000 == 0)
            {
                progress(merger._records);
            }
        }
    }

    private void Add(DecodedRecord record)
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
            case RecordKinds.Parameters or RecordKinds.Used or RecordKinds.Generated when Early(record):
                break;
            case RecordKinds.Parameters when GroupOf(record) is { } group:
                AddParameters(ref _groups[group], record.Parameters);
                break;
            case RecordKinds.Used when GroupOf(record) is { } group && record.UsedId != SymbolTable.None:
                _few.Add(ref _groups[group].Used, FewPairs.Pair(record.UsedId, record.UsedRole));
                break;
            case RecordKinds.Generated when GroupOf(record) is { } group && record.GeneratedId != SymbolTable.None:
                _few.Add(ref _groups[group].Generated, FewPairs.Pair(record.GeneratedId, record.GeneratedRole));
                break;
            case RecordKinds.Derivation when record.EntityId != SymbolTable.None && record.ProgenitorId != SymbolTable.None:
                _derivations.Add((record.EntityId, record.ProgenitorId));
                break;
            case RecordKinds.Membership when record.EntityId != SymbolTable.None && record.MemberId != SymbolTable.None:
                _memberships.Add((record.EntityId, record.MemberId));
                break;
        }
    }

    // What is still held back once every record is read: activities whose start never came, and their records.
    private (int Activities, long Records) Unstarted() => (_early.Count, _early.Values.Sum(held => (long)held.Count));

    // Holds back a record of an activity not started yet; true when it was held back.
    private bool Early(DecodedRecord record)
    {
        if (record.ActivityId == SymbolTable.None || _groupOfActivity.Get(record.ActivityId) != 0)
        {
            return false;
        }

        if (!_early.TryGetValue(record.ActivityId, out var held))
        {
            _early[record.ActivityId] = held = [];
        }

        held.Add(record.Clone());
        return true;
    }

    private int? GroupOf(DecodedRecord record)
        => record.ActivityId != SymbolTable.None ? GroupOfActivity(record.ActivityId) : null;

    private void AddSession(DecodedRecord record)
    {
        if (record.SessionId == SymbolTable.None || _sessions.ContainsKey(record.SessionId))
        {
            return;
        }

        var attributes = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in record.SessionFields ?? new Dictionary<string, object?>())
        {
            if (key == RecordFields.ModelNotes)
            {
                _notes.Add(ModelNotes.FromRecordValue(value));
                continue;
            }

            if (key.StartsWith('@') || key is RecordFields.Kind or RecordFields.SchemaVersion or RecordFields.SessionId or "EventId" or "SourceContext")
            {
                continue;
            }

            attributes[key] = value;
        }

        _sessions[record.SessionId] = new SessionInfo(record.SessionTag, attributes);
    }

    private void AddStart(DecodedRecord record)
    {
        var id = record.ActivityId;
        var name = record.Name != SymbolTable.None ? record.Name : _symbols.Table.Intern("activity"u8);
        if (id == SymbolTable.None)
        {
            return;
        }

        if (_groupOfActivity.Get(id) != 0)
        {
            // This activity's start again (the same log given twice): it is one call.
            return;
        }

        if (!Selected(record, name))
        {
            // Not kept: its later records find no group and are passed over.
            _groupOfActivity.At(id) = NotKept;
            _early.Remove(id);
            return;
        }

        var key = Rules.ActivityKey(id, name, record.Run);
        // At subrun granularity the key is the activity id: no second index is needed.
        var index = key == id ? GroupOfActivity(id) ?? -1 : _byKey.GetValueOrDefault(key, -1);
        if (index < 0)
        {
            index = _groups.Add(new Group { Key = key, Name = name });
            if (key != id)
            {
                _byKey[key] = index;
            }
        }

        _groupOfActivity.At(id) = index + 1;
        ref var group = ref _groups[index];
        group.Calls++;
        _few.Add(ref group.Runs, record.Run);
        _few.Add(ref group.Subruns, record.Subrun);
        _few.Add(ref group.Dates, record.ObservationDate);
        if (record.StartTime is { } start && (group.Start is not { } earliest || start < earliest))
        {
            group.Start = start;
        }

        if (record.InSession != SymbolTable.None)
        {
            _few.Add(ref group.Sessions, record.InSession);
        }

        if (record.AgentName != SymbolTable.None)
        {
            _few.Add(ref group.Agents, record.AgentName);
        }

        if (record.ParentActivityId != SymbolTable.None)
        {
            _few.Add(ref group.Parents, record.ParentActivityId);
        }

        AddParameters(ref group, record.Parameters);
        foreach (var (used, role) in record.Used)
        {
            _few.Add(ref group.Used, FewPairs.Pair(used, role));
        }

        if (_early.Remove(id, out var held))
        {
            foreach (var early in held)
            {
                Add(early);
                _records--;
            }
        }
    }

    private void AddParameters(ref Group group, List<(int Name, int Value)> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            if (value != 0)
            {
                _few.Add(ref group.Parameters, FewPairs.Pair(name, value));
            }
        }
    }

    private bool Selected(DecodedRecord record, int name)
    {
        if (_activities.Count > 0 && !_activities.Contains(name))
        {
            return false;
        }

        if (_runs.Count > 0 && !_runs.Contains(record.Run))
        {
            return false;
        }

        if (_subruns.Count > 0 && !_subruns.Contains(record.Subrun))
        {
            return false;
        }

        if (_sessionTags.Count > 0
            && !(_sessions.TryGetValue(record.InSession, out var session) && session.Tag != SymbolTable.None && _sessionTags.Contains(session.Tag)))
        {
            return false;
        }

        var start = record.StartTime;
        return !(_options.From is { } from && (start is null || start < from)) && !(_options.To is { } to && (start is null || start >= to));
    }

    private void AddEnd(DecodedRecord record)
    {
        if (Early(record) || GroupOf(record) is not { } index)
        {
            return;
        }

        ref var ended = ref _ended.At(record.ActivityId);
        if (ended != 0)
        {
            return;
        }

        ended = 1;

        ref var group = ref _groups[index];
        group.Ended++;
        if (record.EndTime is { } end && (group.End is not { } latest || end > latest))
        {
            group.End = end;
        }

        if (record.Status != SymbolTable.None)
        {
            _few.Add(ref group.Statuses, record.Status);
        }

        if (record.ExceptionType is { } exception)
        {
            if (!_failures.TryGetValue(index, out var failures))
            {
                _failures[index] = failures = [];
            }

            failures.Add($"{exception}: {record.ExceptionMessage}");
        }

        foreach (var (generated, role) in record.Generated)
        {
            _few.Add(ref group.Generated, FewPairs.Pair(generated, role));
        }

        foreach (var derivation in record.Derivations)
        {
            if (derivation.Progenitor != SymbolTable.None)
            {
                _derivations.Add(derivation);
            }
        }
    }

    private void AddEntity(DecodedRecord record)
    {
        var id = record.EntityId;
        if (id == SymbolTable.None)
        {
            return;
        }

        var collection = _modelCollections.TryGetValue(record.Name, out var modelled)
            ? modelled
            : record.Collection;
        ref var slot = ref _entityOfSymbol.At(id);
        if (slot == 0)
        {
            slot = _entities.Add(default) + 1;
        }

        _entities[slot - 1] = new EntityInfo
        {
            Kind = record.Name,
            Type = record.EntityType,
            Location = record.Location,
            Hash = record.Hash,
            HashType = record.HashType,
            ContentType = record.ContentType,
            ArchivePath = record.ArchivePath,
            Problem = record.Problem,
            Collection = collection,
            Size = record.Size ?? long.MinValue,
            Missing = record.Missing,
            Value = record.Value,
        };
        foreach (var member in record.Members)
        {
            _memberships.Add((id, member));
        }
    }

    /// <summary>
    /// What the merge keeps of one output activity (one call at subrun granularity, all calls of a name
    /// in a run at run granularity). A struct in one array: no object per activity.
    /// </summary>
    internal struct Group
    {
        public int Key;
        public int Name;
        public int Calls;
        public int Ended;
        private long _startTicks;
        private long _endTicks;
        private short _startOffset;
        private short _endOffset;
        public FewInts Runs;
        public FewInts Subruns;
        public FewInts Dates;
        public FewInts Sessions;
        public FewInts Agents;
        public FewInts Statuses;
        public FewInts Parents;

        /// <summary>Pairs of parameter name and literal.</summary>
        public FewPairs Parameters;

        /// <summary>Pairs of entity and role.</summary>
        public FewPairs Used;

        /// <summary>Pairs of entity and role.</summary>
        public FewPairs Generated;

        // Times as UTC ticks (0: none) and the offset they were written with, in minutes.
        public DateTimeOffset? Start
        {
            readonly get => Time(_startTicks, _startOffset);
            set => (_startTicks, _startOffset) = Ticks(value);
        }

        public DateTimeOffset? End
        {
            readonly get => Time(_endTicks, _endOffset);
            set => (_endTicks, _endOffset) = Ticks(value);
        }

        private static DateTimeOffset? Time(long ticks, short offset)
            => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offset));

        private static (long, short) Ticks(DateTimeOffset? time)
            => time is { } t ? (t.UtcTicks, (short)t.Offset.TotalMinutes) : (0, 0);
    }

    /// <summary>The last entity record of an id.</summary>
    internal struct EntityInfo
    {
        public int Kind;
        public int Type;
        public int Location;
        public int Hash;
        public int HashType;
        public int ContentType;
        public int ArchivePath;
        public int Problem;
        public int Collection;
        /// <summary>Bytes, or <see cref="long.MinValue"/> when not recorded.</summary>
        public long Size;
        public bool Missing;
        public int Value;
    }

    /// <summary>A session's tag and attributes.</summary>
    internal sealed record SessionInfo(int Tag, SortedDictionary<string, object?> Attributes);
}
