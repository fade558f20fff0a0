namespace Provenance.Capture.Store;

/// <summary>How far and which way a lineage walks.</summary>
public sealed class LineageOptions
{
    /// <summary>The most steps a lineage walks when no depth is given (<c>--depth all</c>).</summary>
    public const int AllDepth = 1000;

    /// <summary>Back (default) or forth.</summary>
    public LineageDirection Direction { get; set; } = LineageDirection.Back;

    /// <summary>Steps to walk (1: the direct neighbours); null walks all, up to <see cref="AllDepth"/>.</summary>
    public int? Depth { get; set; }

    /// <summary>The most nodes returned; past it the answer says it was truncated. Default 100,000.</summary>
    public int MaxNodes { get; set; } = 100_000;

    /// <summary>
    /// Whether each node comes with every PROV attribute the store kept (default true), as
    /// <see cref="LineageResult.ToDocument"/> needs; false reads only names, paths, runs and times, a
    /// fraction of the bytes on a walk of a whole night.
    /// </summary>
    public bool WithAttributes { get; set; } = true;

    /// <summary>
    /// The projects whose documents the walk may see (with the documents of no project); null: every project.
    /// A relation another project's document holds is not walked, and a node such a document declares is not reached.
    /// </summary>
    public IReadOnlyCollection<string>? Projects { get; set; }

    /// <summary>Whether the walk follows <c>hadMember</c> (a collection to its members and back); true by default.</summary>
    public bool FollowMembers { get; set; } = true;

    /// <summary>Whether the answer also holds the agents associated with its activities and to which its files are attributed (not walked further).</summary>
    public bool WithAgents { get; set; }
}
