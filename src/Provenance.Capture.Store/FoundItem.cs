namespace Provenance.Capture.Store;

/// <summary>An activity or file that matched a <see cref="FindQuery"/>.</summary>
/// <param name="Id">Its PROV id.</param>
/// <param name="Kind"><c>activity</c> or <c>entity</c>.</param>
/// <param name="Name">Activity name or entity model name.</param>
/// <param name="Location">The file's path (entities).</param>
/// <param name="Run">The activity's run.</param>
/// <param name="Subrun">The activity's subrun.</param>
/// <param name="Status">The activity's status.</param>
/// <param name="Start">The activity's start.</param>
/// <param name="Hash">The file's content hash.</param>
public sealed record FoundItem(string Id, string Kind, string? Name, string? Location, long? Run, long? Subrun, string? Status, DateTimeOffset? Start, string? Hash);
