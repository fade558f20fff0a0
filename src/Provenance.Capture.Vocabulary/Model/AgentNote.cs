namespace Provenance.Capture.Model;

/// <summary>What the model says about an agent.</summary>
/// <param name="Type">The agent's <c>type:</c> (Person, Organization, SoftwareAgent or the model's own word), or null.</param>
/// <param name="Email">The agent's <c>email:</c>, or null.</param>
/// <param name="Description">The agent's <c>description:</c>, or null.</param>
public sealed record AgentNote(string? Type, string? Email, string? Description);
