namespace Provenance.Capture.Prov.Document;

/// <summary>Kinds of PROV relations this product writes.</summary>
public enum ProvRelationKind
{
    /// <summary>used(activity, entity).</summary>
    Used,

    /// <summary>wasGeneratedBy(entity, activity).</summary>
    WasGeneratedBy,

    /// <summary>wasAssociatedWith(activity, agent).</summary>
    WasAssociatedWith,

    /// <summary>wasAttributedTo(entity, agent).</summary>
    WasAttributedTo,

    /// <summary>wasDerivedFrom(generated, used).</summary>
    WasDerivedFrom,

    /// <summary>wasInformedBy(informed, informant).</summary>
    WasInformedBy,

    /// <summary>hadMember(collection, entity).</summary>
    HadMember,

    /// <summary>actedOnBehalfOf(delegate, responsible).</summary>
    ActedOnBehalfOf,
}
