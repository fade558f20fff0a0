namespace Provenance.Capture.Prov.Document;

/// <summary>
/// What PROV-DM says of a relation: its name, which kinds of element its two arguments are, and the
/// formal attribute names of those arguments. The one table the writers, reader and validator share.
/// </summary>
/// <param name="Kind">The relation.</param>
/// <param name="Name">Its PROV name, e.g. <c>wasGeneratedBy</c>.</param>
/// <param name="SubjectKind">Element kind of the first argument.</param>
/// <param name="ObjectKind">Element kind of the second argument.</param>
/// <param name="SubjectKey">Formal attribute of the first argument, e.g. <c>prov:entity</c>.</param>
/// <param name="ObjectKey">Formal attribute of the second argument, e.g. <c>prov:activity</c>.</param>
public sealed record ProvRelationShape(
    ProvRelationKind Kind, string Name, ProvElementKind SubjectKind, ProvElementKind ObjectKind, string SubjectKey, string ObjectKey)
{
    /// <summary>Every relation this product reads and writes, in the order documents list them.</summary>
    public static readonly IReadOnlyList<ProvRelationShape> All =
    [
        new(ProvRelationKind.WasGeneratedBy, "wasGeneratedBy", ProvElementKind.Entity, ProvElementKind.Activity, "prov:entity", "prov:activity"),
        new(ProvRelationKind.Used, "used", ProvElementKind.Activity, ProvElementKind.Entity, "prov:activity", "prov:entity"),
        new(ProvRelationKind.WasInformedBy, "wasInformedBy", ProvElementKind.Activity, ProvElementKind.Activity, "prov:informed", "prov:informant"),
        new(ProvRelationKind.WasDerivedFrom, "wasDerivedFrom", ProvElementKind.Entity, ProvElementKind.Entity, "prov:generatedEntity", "prov:usedEntity"),
        new(ProvRelationKind.WasAttributedTo, "wasAttributedTo", ProvElementKind.Entity, ProvElementKind.Agent, "prov:entity", "prov:agent"),
        new(ProvRelationKind.WasAssociatedWith, "wasAssociatedWith", ProvElementKind.Activity, ProvElementKind.Agent, "prov:activity", "prov:agent"),
        new(ProvRelationKind.ActedOnBehalfOf, "actedOnBehalfOf", ProvElementKind.Agent, ProvElementKind.Agent, "prov:delegate", "prov:responsible"),
        new(ProvRelationKind.HadMember, "hadMember", ProvElementKind.Entity, ProvElementKind.Entity, "prov:collection", "prov:entity"),
        new(ProvRelationKind.WasStartedBy, "wasStartedBy", ProvElementKind.Activity, ProvElementKind.Entity, "prov:activity", "prov:trigger"),
        new(ProvRelationKind.WasEndedBy, "wasEndedBy", ProvElementKind.Activity, ProvElementKind.Entity, "prov:activity", "prov:trigger"),
        new(ProvRelationKind.WasInvalidatedBy, "wasInvalidatedBy", ProvElementKind.Entity, ProvElementKind.Activity, "prov:entity", "prov:activity"),
        new(ProvRelationKind.SpecializationOf, "specializationOf", ProvElementKind.Entity, ProvElementKind.Entity, "prov:specificEntity", "prov:generalEntity"),
        new(ProvRelationKind.AlternateOf, "alternateOf", ProvElementKind.Entity, ProvElementKind.Entity, "prov:alternate1", "prov:alternate2"),
    ];

    /// <summary>The ended-by section as the W3C PROV-JSON schema spells it (a typo of the submission's <c>wasEndedBy</c>); read as well.</summary>
    public const string SchemaEndedBy = "wasEndedby";

    private static readonly Dictionary<ProvRelationKind, ProvRelationShape> ByKind = All.ToDictionary(s => s.Kind);
    private static readonly Dictionary<string, ProvRelationShape> ByName = BuildByName();

    private static Dictionary<string, ProvRelationShape> BuildByName()
    {
        var byName = All.ToDictionary(s => s.Name, StringComparer.Ordinal);
        byName[SchemaEndedBy] = byName["wasEndedBy"];
        return byName;
    }

    /// <summary>The shape of a relation kind.</summary>
    /// <param name="kind">The relation.</param>
    /// <returns>Its shape.</returns>
    public static ProvRelationShape Of(ProvRelationKind kind) => ByKind[kind];

    /// <summary>The shape of a relation by PROV name, or null for relations this product does not read.</summary>
    /// <param name="name">e.g. <c>used</c>.</param>
    /// <returns>Its shape.</returns>
    public static ProvRelationShape? Named(string name) => ByName.GetValueOrDefault(name);
}
