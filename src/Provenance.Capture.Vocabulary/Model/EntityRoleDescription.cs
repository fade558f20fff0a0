namespace Provenance.Capture.Model;

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
