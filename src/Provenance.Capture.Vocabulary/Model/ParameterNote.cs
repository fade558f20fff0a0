namespace Provenance.Capture.Model;

/// <summary>What the model says about one parameter of an activity, beside its value.</summary>
/// <param name="Unit">The unit of the value (<c>unit:</c>), or null.</param>
/// <param name="Description">The parameter's <c>description:</c>, or null.</param>
public sealed record ParameterNote(string? Unit, string? Description);
