namespace Provenance.Capture.Prov.Validation;

/// <summary>One problem found in a PROV-JSON document.</summary>
/// <param name="Rule">Which check: <c>schema</c>, <c>prefix</c>, <c>dangling</c>, <c>time</c>, <c>generation</c>.</param>
/// <param name="Path">Where in the document (JSON path or element id).</param>
/// <param name="Message">What is wrong.</param>
public sealed record ValidationProblem(string Rule, string Path, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Rule}: {Path}: {Message}";
}
