namespace Provenance.Capture.Model;

/// <summary>A parameter an activity records (by name and value).</summary>
/// <param name="Name">Parameter name in the records.</param>
/// <param name="Description">Free text.</param>
/// <param name="Value">Value expression (defaults to the name).</param>
/// <param name="Unit">Unit, if any.</param>
/// <param name="Line">Line in the model file.</param>
public sealed record ParameterDescription(string Name, string? Description, ValueExpression Value, string? Unit, int Line)
{
    /// <summary>The value is a secret (<c>secret: true</c>): recorded as <c>***</c>, whatever it is.</summary>
    public bool Secret { get; init; }
}
