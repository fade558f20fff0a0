namespace Provenance.Capture.Store;

/// <summary>A relation of a node, in PROV's order (wasGeneratedBy: the file, then the activity).</summary>
/// <param name="Kind">The PROV relation (<c>used</c>, <c>wasGeneratedBy</c>, <c>wasAssociatedWith</c>…).</param>
/// <param name="Subject">The id of its first argument.</param>
/// <param name="Object">The id of its second argument.</param>
/// <param name="Role">The role, when the relation has one.</param>
public sealed record NodeRelation(string Kind, string Subject, string Object, string? Role)
{
    /// <summary>The kind of the node at the other end: <c>entity</c>, <c>activity</c>, <c>agent</c>, or <c>unknown</c> when no document seen declares it.</summary>
    public string OtherKind { get; init; } = "unknown";

    /// <summary>The other node's name (an activity's or a file's model name, an agent's label).</summary>
    public string? OtherName { get; init; }

    /// <summary>The other node's path, when it is a file.</summary>
    public string? OtherLocation { get; init; }
}
