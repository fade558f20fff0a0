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

    /// <summary>An activity was started by a trigger entity (<c>wasStartedBy</c>).</summary>
    WasStartedBy,

    /// <summary>An activity was ended by a trigger entity (<c>wasEndedBy</c>; PROV-JSON's schema spells it <c>wasEndedby</c>).</summary>
    WasEndedBy,

    /// <summary>An entity was invalidated by an activity (<c>wasInvalidatedBy</c>).</summary>
    WasInvalidatedBy,

    /// <summary>An entity is a specialization of another (<c>specializationOf</c>).</summary>
    SpecializationOf,

    /// <summary>Two entities present aspects of the same thing (<c>alternateOf</c>).</summary>
    AlternateOf,
}
