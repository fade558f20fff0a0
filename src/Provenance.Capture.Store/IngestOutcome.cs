namespace Provenance.Capture.Store;

/// <summary>What an ingest did with one file.</summary>
public enum IngestOutcome
{
    /// <summary>Its records are in the store now (new rows, or rows completed by them).</summary>
    Added,

    /// <summary>A file with these exact bytes was ingested before: nothing to add.</summary>
    AlreadyIngested,

    /// <summary>The file is empty.</summary>
    Empty,

    /// <summary>The file could not be read or is no provenance (see <see cref="IngestedFile.Error"/>); nothing of it was stored.</summary>
    Failed,
}
