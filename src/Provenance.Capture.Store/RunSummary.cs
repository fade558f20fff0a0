namespace Provenance.Capture.Store;

/// <summary>One run of one observation night, as the store holds it.</summary>
/// <param name="Date">The observation night (<c>20201120</c>); null when no activity of the run named it.</param>
/// <param name="Run">The run number.</param>
/// <param name="Subruns">How many subruns its activities name.</param>
/// <param name="Activities">How many activities it holds.</param>
/// <param name="Failures">How many of them failed or did not end.</param>
/// <param name="Start">When its first activity started.</param>
/// <param name="End">When its last activity ended.</param>
public sealed record RunSummary(string? Date, long Run, long Subruns, long Activities, long Failures, DateTimeOffset? Start, DateTimeOffset? End);
