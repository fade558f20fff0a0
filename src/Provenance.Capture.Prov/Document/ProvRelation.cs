namespace Provenance.Capture.Prov.Document;

/// <summary>A relation between two elements, with optional attributes (role, time).</summary>
/// <param name="Kind">The relation.</param>
/// <param name="Subject">First argument (e.g. the activity of <c>used</c>).</param>
/// <param name="Object">Second argument (e.g. the entity of <c>used</c>).</param>
public sealed record ProvRelation(ProvRelationKind Kind, string Subject, string Object)
{
    /// <summary>prov:role, if any.</summary>
    public string? Role { get; init; }

    /// <summary>prov:time, if any.</summary>
    public DateTimeOffset? Time { get; init; }
}
