using Provenance.Capture.Prov.Readers;

namespace Provenance.Capture.Store;

/// <summary>The ingest of one file.</summary>
/// <param name="Path">The file.</param>
/// <param name="Format">What it held: <c>log</c> (CLEF or LST <c>__PROV__</c> lines), <c>prov-json</c> or <c>ctapipe</c>; null when unknown.</param>
/// <param name="Outcome">What was done.</param>
/// <param name="Written">Elements and relations written (already stored ones included: writing is an upsert).</param>
/// <param name="Problems">Lines skipped, with file and line (the first thousand).</param>
/// <param name="SkippedLines">How many lines were skipped in all.</param>
/// <param name="Error">Why the file failed, when it did.</param>
public sealed record IngestedFile(string Path, string? Format, IngestOutcome Outcome, long Written, IReadOnlyList<ReadProblem> Problems, long SkippedLines, string? Error = null)
{
    /// <summary>
    /// Activities of a log whose start is not in it (a log cut before the start, or a call whose records went to
    /// two logs: each log is merged on its own), left out of the store; see <c>MergeResult.UnstartedActivities</c>.
    /// </summary>
    public int UnstartedActivities { get; init; }
}
