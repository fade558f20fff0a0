namespace Provenance.Capture.Model;

/// <summary>How serious a <see cref="ModelDiagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Capture goes on; the affected activity may not be recorded.</summary>
    Warning,

    /// <summary>The model cannot be used as it is.</summary>
    Error,
}

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

/// <summary>Diagnostic ids, one per kind of problem (see docs/diagnostics.md).</summary>
public static class DiagnosticIds
{
    /// <summary>The model file is not valid YAML.</summary>
    public const string YamlSyntax = "PCAP001";

    /// <summary>A key or value of the model does not follow the model schema.</summary>
    public const string Schema = "PCAP002";

    /// <summary>An [Activity] method has no entry in the model.</summary>
    public const string UnmodelledActivity = "PCAP003";

    /// <summary>A value expression names a parameter the method does not have.</summary>
    public const string UnknownParameter = "PCAP004";

    /// <summary>A value expression names a member the type does not have.</summary>
    public const string UnknownMember = "PCAP005";

    /// <summary>A usage or generation names an entity the model does not describe.</summary>
    public const string UnknownEntity = "PCAP006";

    /// <summary>A value expression cannot be parsed.</summary>
    public const string ExpressionSyntax = "PCAP007";

    /// <summary>A value expression reads <c>result</c> of a method that returns nothing.</summary>
    public const string NoResult = "PCAP008";

    /// <summary>The model file cannot be read.</summary>
    public const string FileNotFound = "PCAP009";
}
