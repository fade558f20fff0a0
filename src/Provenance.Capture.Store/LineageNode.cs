namespace Provenance.Capture.Store;

/// <summary>A node of a lineage.</summary>
/// <param name="Id">Its PROV id (<c>ent:…</c>, <c>act:…</c>).</param>
/// <param name="Kind"><c>entity</c>, <c>activity</c>, <c>agent</c> (with <see cref="LineageOptions.WithAgents"/>), or <c>unknown</c> for an id a relation names but no document declared.</param>
/// <param name="Name">The activity's name or the entity's model name.</param>
/// <param name="Location">The file's path (entities).</param>
/// <param name="Run">The run: the activity's, or for a file the run of the activity next to it in the walk.</param>
/// <param name="Subrun">The subrun, likewise.</param>
/// <param name="Depth">Steps from the start (0 for the start itself).</param>
public sealed record LineageNode(string Id, string Kind, string? Name, string? Location, long? Run, long? Subrun, int Depth)
{
    /// <summary>The activity's status (succeeded, failed, incomplete…).</summary>
    public string? Status { get; init; }

    /// <summary>The file's content hash.</summary>
    public string? Hash { get; init; }

    /// <summary>The activity's start.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>The activity's end.</summary>
    public DateTimeOffset? End { get; init; }

    // The PROV attributes as the store keeps them, when they were read.
    internal StoredAttributes? Attributes { get; init; }
}
