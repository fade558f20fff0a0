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

/// <summary>Hash algorithm for content and path hashes.</summary>
public enum HashAlgorithmKind
{
    /// <summary>MD5, the default, as in the LST on-site logs.</summary>
    Md5,

    /// <summary>SHA-256.</summary>
    Sha256,

    /// <summary>XXH128 (System.IO.Hashing): fast, not cryptographic.</summary>
    XxHash128,
}

/// <summary>An agent (person, organisation or software) responsible for activities.</summary>
/// <param name="Name">Key in the model.</param>
/// <param name="Type">e.g. <c>Person</c>, <c>Organization</c>, <c>SoftwareAgent</c>.</param>
/// <param name="Description">Free text.</param>
/// <param name="Email">Contact, if any.</param>
/// <param name="Line">Line in the model file.</param>
public sealed record AgentDescription(string Name, string? Type, string? Description, string? Email, int Line);

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

/// <summary>A parameter an activity records (by name and value).</summary>
/// <param name="Name">Parameter name in the records.</param>
/// <param name="Description">Free text.</param>
/// <param name="Value">Value expression (defaults to the name).</param>
/// <param name="Unit">Unit, if any.</param>
/// <param name="Line">Line in the model file.</param>
public sealed record ParameterDescription(string Name, string? Description, ValueExpression Value, string? Unit, int Line);

/// <summary>An entity an activity uses (input) or generates (output).</summary>
public sealed record EntityRoleDescription
{
    /// <summary>Role, e.g. <c>R0 data</c>.</summary>
    public required string Role { get; init; }

    /// <summary>Free text.</summary>
    public string? Description { get; init; }

    /// <summary>The entity kind (key in <c>entities</c>).</summary>
    public required string EntityName { get; init; }

    /// <summary>Where the entity is found: a path, a member, the result, a template.</summary>
    public required ValueExpression Value { get; init; }

    /// <summary><c>1</c> (default), <c>0..1</c>, <c>*</c> or <c>1..*</c>.</summary>
    public string Multiplicity { get; init; } = "1";

    /// <summary>For generations: roles of the usages this output is derived from.</summary>
    public IReadOnlyList<string> DerivedFrom { get; init; } = [];

    /// <summary>Line in the model file.</summary>
    public int Line { get; init; }

    /// <summary>Whether the entity may be absent (multiplicity starting at 0).</summary>
    public bool Optional => Multiplicity.StartsWith('0') || Multiplicity == "*";
}

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
