namespace Provenance.Capture.Model;

/// <summary>What the model says about an activity: its description and those of its parameters and roles.</summary>
public sealed record ActivityNote
{
    /// <summary>The activity's <c>description:</c>, or null.</summary>
    public string? Description { get; init; }

    /// <summary>Units and descriptions of parameters, by parameter name (only those with either).</summary>
    public IReadOnlyDictionary<string, ParameterNote> Parameters { get; init; } = new Dictionary<string, ParameterNote>();

    /// <summary>Descriptions of the usage roles, by role.</summary>
    public IReadOnlyDictionary<string, string> Used { get; init; } = new Dictionary<string, string>();

    /// <summary>Descriptions of the generation roles, by role.</summary>
    public IReadOnlyDictionary<string, string> Generated { get; init; } = new Dictionary<string, string>();

    internal bool IsEmpty => Description is null && Parameters.Count == 0 && Used.Count == 0 && Generated.Count == 0;
}
