namespace Provenance.Capture.Model;

/// <summary>An agent (person, organisation or software) responsible for activities.</summary>
/// <param name="Name">Key in the model.</param>
/// <param name="Type">e.g. <c>Person</c>, <c>Organization</c>, <c>SoftwareAgent</c>.</param>
/// <param name="Description">Free text.</param>
/// <param name="Email">Contact, if any.</param>
/// <param name="Line">Line in the model file.</param>
public sealed record AgentDescription(string Name, string? Type, string? Description, string? Email, int Line);
