using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Prov.Writers;

/// <summary>
/// A graph whose elements and relations may be enumerated on three threads at once (a merge, once it has
/// prepared them), so that the text formats write their parts in parallel.
/// </summary>
internal interface IGraphParts
{
    /// <summary>Prepares the parts (on the calling thread) and hands them out; each may then be enumerated once, on a thread of its own.</summary>
    /// <returns>The graph's elements and relations, the same as <see cref="IProvGraph.Elements"/> and <see cref="IProvGraph.Relations"/> give.</returns>
    GraphParts Parts();
}

/// <summary>A graph's elements and relations in parts that may be written at once, each on a thread of its own.</summary>
/// <param name="EntityLines">Writes every entity in order: into the output given when it can without a <see cref="ProvElement"/>, else as the element handed to the action; returns how many.</param>
/// <param name="Activities">The activities, in order.</param>
/// <param name="Agents">The agents, in order.</param>
/// <param name="RelationLines">Writes every relation, kind after kind in <see cref="ProvRelationShape.All"/>'s order, each as the line given makes it, without a <see cref="ProvRelation"/> in between; returns how many.</param>
internal sealed record GraphParts(
    Func<EntityOutput, Action<ProvElement>, int> EntityLines,
    IEnumerable<ProvElement> Activities,
    IEnumerable<ProvElement> Agents,
    Func<LineText, IRelationLine, int> RelationLines);

/// <summary>
/// A text format's line for a relation made from UTF-8 pieces: each argument a qualified name as a head
/// and a local part (what <see cref="ProvRelation.Subject"/> and <see cref="ProvRelation.Object"/> hold, in
/// two pieces). The line must be the one the format makes of the <see cref="ProvRelation"/>.
/// </summary>
internal interface IRelationLine
{
    /// <summary>Writes the line.</summary>
    /// <param name="text">Where.</param>
    /// <param name="shape">The relation.</param>
    /// <param name="subjectHead">The first argument's head, e.g. <c>ent:</c>.</param>
    /// <param name="subject">The first argument's local part.</param>
    /// <param name="objectHead">The second argument's head.</param>
    /// <param name="obj">The second argument's local part.</param>
    /// <param name="role">The role, or null.</param>
    /// <param name="time">The time, or null.</param>
    void Write(LineText text, ProvRelationShape shape, ReadOnlySpan<byte> subjectHead, ReadOnlySpan<byte> subject, ReadOnlySpan<byte> objectHead, ReadOnlySpan<byte> obj, string? role, DateTimeOffset? time);
}
