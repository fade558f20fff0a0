namespace Provenance.Capture.Store;

/// <summary>How much a store holds.</summary>
/// <param name="Documents">Files ingested.</param>
/// <param name="Activities">Activities.</param>
/// <param name="Entities">Entities (files and values).</param>
/// <param name="Agents">Agents.</param>
/// <param name="Relations">Relations.</param>
/// <param name="Nights">Activities per observation date (null: activities without one), dates in order.</param>
/// <param name="SizeInBytes">The store's size on disk.</param>
public sealed record StoreStats(long Documents, long Activities, long Entities, long Agents, long Relations, IReadOnlyList<(string? Night, long Activities)> Nights, long SizeInBytes);
