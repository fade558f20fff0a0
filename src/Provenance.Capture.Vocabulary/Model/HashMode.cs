namespace Provenance.Capture.Model;

/// <summary>How an entity's id is derived.</summary>
public enum HashMode
{
    /// <summary>From a hash of the file's bytes (default for files).</summary>
    Content,

    /// <summary>From a hash of the file's full path: for huge raw data that must not be read.</summary>
    Path,

    /// <summary>No hash at all; the id comes from the location (or value).</summary>
    None,
}
