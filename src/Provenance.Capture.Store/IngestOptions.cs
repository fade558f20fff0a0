namespace Provenance.Capture.Store;

/// <summary>How to ingest.</summary>
public sealed class IngestOptions
{
    /// <summary>A site or project label recorded with each document (e.g. <c>LST-1 La Palma</c>).</summary>
    public string? Label { get; set; }
}
