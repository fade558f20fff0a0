namespace Provenance.Capture.Prov.Validation;

/// <summary>One problem found in a PROV-JSON document.</summary>
/// <param name="Rule">Which check: <c>json</c>, <c>schema</c>, <c>datetime</c> (errors); <c>dangling</c>, <c>prefix</c>, <c>generation</c>, <c>time</c> (warnings, errors when strict); <c>spelling</c> (a note).</param>
/// <param name="Path">Where in the document (JSON path or element id).</param>
/// <param name="Message">What is wrong.</param>
public sealed record ValidationProblem(string Rule, string Path, string Message)
{
    /// <summary>How much it weighs (see <see cref="ValidationSeverity"/>).</summary>
    public ValidationSeverity Severity { get; init; } = ValidationSeverity.Error;

    /// <inheritdoc/>
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()}: {Rule}: {Path}: {Message}";
}
