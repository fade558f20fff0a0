namespace Provenance.Capture.Model;

/// <summary>A literal piece of a template, or a path with an optional format.</summary>
/// <param name="Literal">Text copied as is.</param>
/// <param name="Path">A path whose value is inserted.</param>
/// <param name="Format">.NET format string for the value, e.g. <c>D5</c>.</param>
internal sealed record TemplatePart(string? Literal, MemberPath? Path, string? Format);
