namespace Provenance.Capture.Store;

/// <summary>How to ingest.</summary>
public sealed class IngestOptions
{
    /// <summary>A site or project label recorded with each document (e.g. <c>LST-1 La Palma</c>).</summary>
    public string? Label { get; set; }

    /// <summary>
    /// The project (proposal) each document belongs to; null for none. A store queried for some projects
    /// (<see cref="LineageOptions.Projects"/>, <see cref="FindQuery.Projects"/>) shows the documents of those and of none.
    /// </summary>
    public string? Project { get; set; }
}
