namespace Provenance.Capture.Model;

/// <summary>What kind of thing an entity is.</summary>
public enum EntityType
{
    /// <summary>A single file.</summary>
    File,

    /// <summary>A set of files (a directory, a list of paths); members are recorded.</summary>
    FileCollection,

    /// <summary>A value that is not a file (a number, a name).</summary>
    Value,
}
