using System.Globalization;
using Provenance.Capture.Prov.Symbols;
using Provenance.Capture.Records;

namespace Provenance.Capture.Prov.Readers;

/// <summary>
/// One record as the merge needs it: typed fields holding symbols, reused from line to line so that
/// reading a log allocates nothing per record. Filled from CLEF bytes (<see cref="ClefRecordReader"/>)
/// or from a <see cref="LogRecord"/> (LST lines, records given through the API).
/// </summary>
internal sealed class DecodedRecord
{
    public string? Kind;
    public int ActivityId;
    public int EntityId;
    public int SessionId;
    public int SessionTag;
    public int Name;
    public int InSession;
    public int AgentName;
    public int ParentActivityId;
    public int Status;
    public string? ExceptionType;
    public string? ExceptionMessage;
    public int ObservationDate;
    public int Run;
    public int Subrun;
    public DateTimeOffset? StartTime;
    public DateTimeOffset? EndTime;
    public int EntityType;
    public int Location;
    public int Hash;
    public int HashType;
    public long? Size;
    public int ContentType;
    public int ArchivePath;
    public int Problem;
    public int Collection;
    public bool Missing;
    public int Value;
    public int UsedId;
    public int UsedRole;
    public int GeneratedId;
    public int GeneratedRole;
    public int ProgenitorId;
    public int MemberId;
    public List<(int Name, int Value)> Parameters = [];

    /// <summary>The XSD types capture named for some parameters (<c>parameter_types</c>), applied by <see cref="ApplyParameterTypes"/>.</summary>
    public List<(int Name, string Type)> ParameterTypes = [];
    public List<(int Id, int Role)> Used = [];
    public List<(int Id, int Role)> Generated = [];
    public List<(int Generated, int Progenitor)> Derivations = [];
    public List<int> Members = [];

    /// <summary>All fields of a session record (sessions are rare and their attributes open-ended).</summary>
    public IReadOnlyDictionary<string, object?>? SessionFields;

    /// <summary>A copy that outlives the reader's reuse of this instance (a record held back until its activity starts).</summary>
    public DecodedRecord Clone()
    {
        // MemberwiseClone shares the lists: the copy gets its own.
        var copy = (DecodedRecord)MemberwiseClone();
        copy.Parameters = [.. Parameters];
        copy.ParameterTypes = [.. ParameterTypes];
        copy.Used = [.. Used];
        copy.Generated = [.. Generated];
        copy.Derivations = [.. Derivations];
        copy.Members = [.. Members];
        return copy;
    }

    public void Clear()
    {
        Kind = null;
        ActivityId = EntityId = SessionId = SessionTag = Name = InSession = AgentName = ParentActivityId = Status = 0;
        ObservationDate = Run = Subrun = EntityType = Location = Hash = HashType = ContentType = ArchivePath = Problem = Collection = 0;
        UsedId = UsedRole = GeneratedId = GeneratedRole = ProgenitorId = MemberId = 0;
        ExceptionType = ExceptionMessage = null;
        StartTime = EndTime = null;
        Size = null;
        Missing = false;
        Value = 0;
        Parameters.Clear();
        ParameterTypes.Clear();
        Used.Clear();
        Generated.Clear();
        Derivations.Clear();
        Members.Clear();
        SessionFields = null;
    }

    /// <summary>
    /// Puts the record in another table's terms (<see cref="ParallelScan"/>): each symbol <c>s</c> becomes
    /// <c>symbols[s]</c> and each literal <c>l</c> becomes <c>literals[l]</c> (both map 0 to 0).
    /// </summary>
    public void Remap(int[] symbols, int[] literals)
    {
        ActivityId = symbols[ActivityId];
        EntityId = symbols[EntityId];
        SessionId = symbols[SessionId];
        SessionTag = symbols[SessionTag];
        Name = symbols[Name];
        InSession = symbols[InSession];
        AgentName = symbols[AgentName];
        ParentActivityId = symbols[ParentActivityId];
        Status = symbols[Status];
        ObservationDate = symbols[ObservationDate];
        Run = symbols[Run];
        Subrun = symbols[Subrun];
        EntityType = symbols[EntityType];
        Location = symbols[Location];
        Hash = symbols[Hash];
        HashType = symbols[HashType];
        ContentType = symbols[ContentType];
        ArchivePath = symbols[ArchivePath];
        Problem = symbols[Problem];
        Collection = symbols[Collection];
        Value = literals[Value];
        UsedId = symbols[UsedId];
        UsedRole = symbols[UsedRole];
        GeneratedId = symbols[GeneratedId];
        GeneratedRole = symbols[GeneratedRole];
        ProgenitorId = symbols[ProgenitorId];
        MemberId = symbols[MemberId];
        foreach (ref var parameter in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Parameters))
        {
            parameter = (symbols[parameter.Name], literals[parameter.Value]);
        }

        foreach (ref var type in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ParameterTypes))
        {
            type.Name = symbols[type.Name];
        }

        MapPairs(Used, symbols);
        MapPairs(Generated, symbols);
        MapPairs(Derivations, symbols);
        foreach (ref var member in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Members))
        {
            member = symbols[member];
        }

        static void MapPairs(List<(int, int)> pairs, int[] symbols)
        {
            foreach (ref var pair in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pairs))
            {
                pair = (symbols[pair.Item1], symbols[pair.Item2]);
            }
        }
    }

    /// <summary>Gives the parameters named in <see cref="ParameterTypes"/> their type (the fields may come in any order).</summary>
    public void ApplyParameterTypes(RecordSymbols symbols)
    {
        foreach (var (name, type) in ParameterTypes)
        {
            for (var i = 0; i < Parameters.Count; i++)
            {
                if (Parameters[i].Name == name)
                {
                    Parameters[i] = (name, symbols.Typed(Parameters[i].Value, type));
                }
            }
        }
    }

    /// <summary>
    /// An activity record without its own start (or end) time has the event's (CLEF's <c>@t</c>), as writers
    /// other than capture may leave it: the one rule for both ways a record is decoded.
    /// </summary>
    /// <param name="eventTime">The event's time, if it had one.</param>
    public void TakeEventTime(DateTimeOffset? eventTime)
    {
        if (Kind == RecordKinds.ActivityStart)
        {
            StartTime ??= eventTime;
        }
        else if (Kind == RecordKinds.ActivityEnd)
        {
            EndTime ??= eventTime;
        }
    }

    /// <summary>Loads a record read as a dictionary.</summary>
    public void Load(LogRecord record, RecordSymbols symbols)
    {
        Clear();
        Kind = record.Kind;
        var table = symbols.Table;
        ActivityId = table.Intern(record.Text(RecordFields.ActivityId));
        EntityId = table.Intern(record.Text(RecordFields.EntityId));
        SessionId = table.Intern(record.Text(RecordFields.SessionId));
        SessionTag = table.Intern(record.Text(RecordFields.SessionTag));
        Name = table.Intern(record.Text(RecordFields.Name));
        InSession = table.Intern(record.Text(RecordFields.InSession));
        AgentName = table.Intern(record.Text(RecordFields.AgentName));
        ParentActivityId = table.Intern(record.Text(RecordFields.ParentActivityId));
        Status = table.Intern(record.Text(RecordFields.Status));
        ExceptionType = record.Text(RecordFields.ExceptionType);
        ExceptionMessage = record.Text(RecordFields.ExceptionMessage);
        ObservationDate = table.Intern(record.Text(RecordFields.ObservationDate));
        Run = record.Text(RecordFields.Run) is { } run ? table.Intern(RunNumbers.Normalise(run)) : 0;
        Subrun = record.Text(RecordFields.Subrun) is { } subrun ? table.Intern(RunNumbers.Normalise(subrun)) : 0;
        StartTime = record.Time(RecordFields.StartTime);
        EndTime = record.Time(RecordFields.EndTime);

        // As the CLEF decoder does; not when a time of the record is text that is no time (then it stays unknown).
        if (!IsNoTime(record, RecordFields.StartTime, StartTime) && !IsNoTime(record, RecordFields.EndTime, EndTime))
        {
            TakeEventTime(record.Time(EventTime));
        }

        EntityType = table.Intern(record.Text(RecordFields.EntityType));
        Location = table.Intern(record.Text(RecordFields.Location));
        Hash = table.Intern(record.Text(RecordFields.Hash));
        HashType = table.Intern(record.Text(RecordFields.HashType));
        Size = long.TryParse(record.Text(RecordFields.Size), NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) ? size : null;
        ContentType = table.Intern(record.Text(RecordFields.ContentType));
        ArchivePath = table.Intern(record.Text(RecordFields.ArchivePath));
        Problem = table.Intern(record.Text(RecordFields.Problem));
        Collection = table.Intern(record.Text(RecordFields.Collection));
        Missing = record.Fields.GetValueOrDefault(RecordFields.Missing) is true;
        Value = symbols.Literal(record.Fields.GetValueOrDefault(RecordFields.Value));
        UsedId = table.Intern(record.Text(RecordFields.UsedId));
        UsedRole = table.Intern(record.Text(RecordFields.UsedRole));
        GeneratedId = table.Intern(record.Text(RecordFields.GeneratedId));
        GeneratedRole = table.Intern(record.Text(RecordFields.GeneratedRole));
        ProgenitorId = table.Intern(record.Text(RecordFields.ProgenitorId));
        MemberId = table.Intern(record.Text(RecordFields.MemberId));
        foreach (var (name, value) in record.Map(RecordFields.Parameters) ?? new Dictionary<string, object?>())
        {
            Parameters.Add((table.Intern(name), symbols.Literal(value)));
        }

        foreach (var (name, type) in record.Map(RecordFields.ParameterTypes) ?? new Dictionary<string, object?>())
        {
            if (type is string text)
            {
                ParameterTypes.Add((table.Intern(name), text));
            }
        }

        ApplyParameterTypes(symbols);

        Pairs(record, RecordFields.Used, RecordFields.UsedId, RecordFields.UsedRole, Used, table);
        Pairs(record, RecordFields.Generated, RecordFields.GeneratedId, RecordFields.GeneratedRole, Generated, table);
        Pairs(record, RecordFields.Derivations, RecordFields.GeneratedId, RecordFields.ProgenitorId, Derivations, table);
        foreach (var member in record.List(RecordFields.MemberIds))
        {
            if (LogRecord.AsText(member) is { } id)
            {
                Members.Add(table.Intern(id));
            }
        }

        if (Kind == RecordKinds.Session)
        {
            SessionFields = record.Fields;
        }
    }

    // CLEF's event time, which a record's activity times default to.
    private const string EventTime = "@t";

    // A text in the field that did not read as a time (read is what the field gave).
    private static bool IsNoTime(LogRecord record, string field, DateTimeOffset? read) => read is null && record.Fields.GetValueOrDefault(field) is string;

    private static void Pairs(LogRecord record, string list, string first, string second, List<(int, int)> into, SymbolTable table)
    {
        foreach (var item in record.List(list))
        {
            if (item is IReadOnlyDictionary<string, object?> map && LogRecord.AsText(map.GetValueOrDefault(first)) is { } id)
            {
                into.Add((table.Intern(id), table.Intern(LogRecord.AsText(map.GetValueOrDefault(second)))));
            }
        }
    }
}
