namespace Provenance.Capture.Store;

/// <summary>A relation of a node, in PROV's order (wasGeneratedBy: the file, then the activity).</summary>
/// <param name="Kind">The PROV relation (<c>used</c>, <c>wasGeneratedBy</c>, <c>wasAssociatedWith</c>…).</param>
/// <param name="Subject">The id of its first argument.</param>
/// <param name="Object">The id of its second argument.</param>
/// <param name="Role">The role, when the relation has one.</param>
public sealed record NodeRelation(string Kind, string Subject, string Object, string? Role);
