namespace Provenance.Capture.Store;

/// <summary>A relation a lineage walked, in PROV's order (<c>wasGeneratedBy</c>: entity, activity).</summary>
/// <param name="Kind">The PROV relation: used, wasGeneratedBy, wasDerivedFrom, wasInformedBy or hadMember.</param>
/// <param name="Subject">Its first argument.</param>
/// <param name="Object">Its second argument.</param>
/// <param name="Role">Its role, if any.</param>
public sealed record LineageEdge(string Kind, string Subject, string Object, string? Role);
