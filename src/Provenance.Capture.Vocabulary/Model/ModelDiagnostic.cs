namespace Provenance.Capture.Model;

/// <summary>
/// One problem found in a provenance model or in binding it to code, with where it is.
/// Ids are documented in <c>docs/diagnostics.md</c>.
/// </summary>
/// <param name="Id">Stable id, e.g. <c>PCAP004</c>.</param>
/// <param name="Severity">Warning or error.</param>
/// <param name="File">The model file.</param>
/// <param name="Line">1-based line in the model file, 0 when the problem has no line (e.g. code only).</param>
/// <param name="Activity">The activity concerned, if any.</param>
/// <param name="Name">The parameter, member, entity or key concerned, if any.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record ModelDiagnostic(
    string Id,
    DiagnosticSeverity Severity,
    string File,
    int Line,
    string? Activity,
    string? Name,
    string Message)
{
    /// <summary>One line: <c>file:line: error PCAP004: activity 'x': message</c>.</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}" : File;
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var activity = Activity is null ? string.Empty : $"activity '{Activity}': ";
        return $"{where}: {severity} {Id}: {activity}{Message}";
    }
}
