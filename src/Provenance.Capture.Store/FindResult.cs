namespace Provenance.Capture.Store;

/// <summary>One page of a find.</summary>
/// <param name="Items">The matches of this page, activities by start time, files by path.</param>
/// <param name="Total">How many match in all.</param>
public sealed record FindResult(IReadOnlyList<FoundItem> Items, long Total);
