namespace Provenance.Capture.Model;

/// <summary>A kind of entity the activities use or generate.</summary>
public sealed record EntityDescription
{
    /// <summary>Key in the model, e.g. <c>DL1SubrunDataset</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Free text.</summary>
    public string? Description { get; init; }

    /// <summary>File, FileCollection or Value.</summary>
    public EntityType Type { get; init; } = EntityType.File;

    /// <summary>MIME type, e.g. <c>application/x-hdf5</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>How the id is derived.</summary>
    public HashMode Hash { get; init; } = HashMode.Content;

    /// <summary>Which hash algorithm.</summary>
    public HashAlgorithmKind HashAlgorithm { get; init; } = HashAlgorithmKind.Md5;

    /// <summary>Copy the file once into the content-addressed archive (small configuration files).</summary>
    public bool Copy { get; init; }

    /// <summary>Reference only: neither copied nor read (large simulation data).</summary>
    public bool Reference { get; init; }

    /// <summary>At run granularity, the collection entity this entity is merged into (e.g. <c>DL1Collection</c>).</summary>
    public string? Collection { get; init; }

    /// <summary>Line in the model file.</summary>
    public int Line { get; init; }
}
