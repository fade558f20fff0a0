namespace Provenance.Capture.Session;

/// <summary>What the session record needs besides what it reads from the process itself.</summary>
/// <param name="SessionId">The session id.</param>
/// <param name="SessionTag">The session tag.</param>
/// <param name="Name">The session name.</param>
/// <param name="ModelSource">The model file.</param>
/// <param name="ModelNotes">The model's descriptions, units and agents (<see cref="Model.ModelNotes.ToRecordValue"/>), or null.</param>
/// <param name="SoftwareVersion">The pipeline's version; null for the entry assembly's.</param>
/// <param name="ObservationDate">The observation date, if known.</param>
/// <param name="DryRun">Whether bodies are skipped.</param>
/// <param name="EnvironmentVariables">Names (or prefixes ending in <c>*</c>) of the environment variables to record, secrets redacted.</param>
internal sealed record SessionSettings(
    string SessionId,
    string SessionTag,
    string Name,
    string? ModelSource,
    IReadOnlyDictionary<string, object?>? ModelNotes,
    string? SoftwareVersion,
    string? ObservationDate,
    bool DryRun,
    IEnumerable<string> EnvironmentVariables);
