namespace Provenance.Capture.Model;

/// <summary>One activity of the model.</summary>
public sealed record ActivityDescription
{
    /// <summary>Key in the model, e.g. <c>r0_to_dl1</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Free text.</summary>
    public string? Description { get; init; }

    /// <summary>Agent responsible (key in <c>agents</c>); the model's first agent when absent.</summary>
    public string? Agent { get; init; }

    /// <summary>Recorded parameters.</summary>
    public IReadOnlyList<ParameterDescription> Parameters { get; init; } = [];

    /// <summary>Used entities.</summary>
    public IReadOnlyList<EntityRoleDescription> Usage { get; init; } = [];

    /// <summary>Generated entities.</summary>
    public IReadOnlyList<EntityRoleDescription> Generation { get; init; } = [];

    /// <summary>How to read the observation context (<c>run</c>, <c>subrun</c>, <c>date</c>) from the call.</summary>
    public IReadOnlyDictionary<string, ValueExpression> Context { get; init; } = new Dictionary<string, ValueExpression>();

    /// <summary>Line in the model file.</summary>
    public int Line { get; init; }
}
