namespace Provenance.Capture.Prov.Readers;

/// <summary>A line that could not be read, and why.</summary>
/// <param name="File">The log file.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Message">What was expected.</param>
public sealed record ReadProblem(string File, long Line, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line}: {Message}";
}
