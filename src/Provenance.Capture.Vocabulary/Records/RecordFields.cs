namespace Provenance.Capture.Records;

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
    public const string ParameterTypes = "parameter_types";
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
    public const string Problem = "problem";
    public const string MemberIds = "member_ids";
    public const string Collection = "collection";
    public const string MemberId = "member_id";
    public const string Run = "run";
    public const string Subrun = "subrun";
    public const string ObservationDate = "observation_date";
    public const string Message = "message";
    public const string Model = "model";
    public const string ModelNotes = "model_notes";
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
