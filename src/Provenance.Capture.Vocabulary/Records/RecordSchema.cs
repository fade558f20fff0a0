namespace Provenance.Capture.Records;

/// <summary>
/// The record vocabulary, defined once and read by both the capture writer and the post-processor
/// readers. Field names follow the LST on-site analysis logs so the two stay mappable.
/// The README's "Record format" table documents each field.
/// </summary>
public static class RecordSchema
{
    /// <summary>The schema version written on every record.</summary>
    public const int Version = 1;

    /// <summary>The logger category records are written under.</summary>
    public const string Category = "Provenance";

    /// <summary>The message template of every record (CLEF <c>@mt</c>).</summary>
    public const string MessageTemplate = "PROV {prov_kind}";
}

/// <summary>Record kinds (the <c>prov_kind</c> field).</summary>
public static class RecordKinds
{
    /// <summary>Execution environment, once per process.</summary>
    public const string Session = "session";

    /// <summary>An activity began: parameters and used entities.</summary>
    public const string ActivityStart = "activity_start";

    /// <summary>An activity ended: status and generated entities.</summary>
    public const string ActivityEnd = "activity_end";

    /// <summary>An entity (file, collection, value), once per process while unchanged.</summary>
    public const string Entity = "entity";

    /// <summary>A stand-alone usage (LST logs; capture carries usages on <see cref="ActivityStart"/>).</summary>
    public const string Used = "used";

    /// <summary>A stand-alone generation (LST logs; capture carries them on <see cref="ActivityEnd"/>).</summary>
    public const string Generated = "generated";

    /// <summary>A stand-alone derivation.</summary>
    public const string Derivation = "derivation";

    /// <summary>A stand-alone membership.</summary>
    public const string Membership = "membership";

    /// <summary>Stand-alone parameters.</summary>
    public const string Parameters = "parameters";

    /// <summary>Something capture could not record as asked (a missing input file...).</summary>
    public const string Warning = "warning";

    /// <summary>Every kind a reader of schema version 1 understands.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Session, ActivityStart, ActivityEnd, Entity, Used, Generated, Derivation, Membership, Parameters, Warning,
    };
}

/// <summary>Field names of the records.</summary>
public static class RecordFields
{
#pragma warning disable CS1591 // The README's record table documents each field.
    public const string Kind = "prov_kind";
    public const string SchemaVersion = "prov_schema";
    public const string SessionId = "session_id";
    public const string SessionTag = "session_tag";
    public const string InSession = "in_session";
    public const string Name = "name";
    public const string StartTime = "startTime";
    public const string EndTime = "endTime";
    public const string ActivityId = "activity_id";
    public const string ParentActivityId = "parent_activity_id";
    public const string AgentName = "agent_name";
    public const string Script = "script";
    public const string Status = "status";
    public const string ExceptionType = "exception_type";
    public const string ExceptionMessage = "exception_message";
    public const string DryRun = "dry_run";
    public const string Blind = "blind";
    public const string Parameters = "parameters";
    public const string Used = "used";
    public const string UsedId = "used_id";
    public const string UsedRole = "used_role";
    public const string Generated = "generated";
    public const string GeneratedId = "generated_id";
    public const string GeneratedRole = "generated_role";
    public const string Derivations = "derivations";
    public const string ProgenitorId = "progenitor_id";
    public const string EntityId = "entity_id";
    public const string EntityType = "type";
    public const string Location = "location";
    public const string FilePath = "filepath";
    public const string Hash = "hash";
    public const string HashType = "hash_type";
    public const string Size = "size";
    public const string ContentType = "contentType";
    public const string Value = "value";
    public const string ArchivePath = "archive_path";
    public const string Missing = "missing";
    public const string MemberIds = "member_ids";
    public const string Collection = "collection";
    public const string MemberId = "member_id";
    public const string Run = "run";
    public const string Subrun = "subrun";
    public const string ObservationDate = "observation_date";
    public const string Message = "message";
    public const string Model = "model";
    public const string Executable = "executable";
    public const string CommandLine = "command_line";
    public const string WorkingDirectory = "working_directory";
    public const string OperatingSystem = "os";
    public const string Runtime = "runtime";
    public const string CpuCount = "cpu_count";
    public const string Host = "host";
    public const string User = "user";
    public const string ProcessId = "pid";
    public const string SoftwareVersion = "software_version";
    public const string Assemblies = "assemblies";
    public const string Environment = "environment";
#pragma warning restore CS1591
}

/// <summary>Activity status values (the <c>status</c> field of <see cref="RecordKinds.ActivityEnd"/>).</summary>
public static class ActivityStatus
{
    /// <summary>The body ran and returned.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>The body threw; <c>exception_type</c> and <c>exception_message</c> say what.</summary>
    public const string Failed = "failed";

    /// <summary>Dry-run: the body was skipped, outputs were resolved from the model.</summary>
    public const string DryRun = "dry_run";
}
