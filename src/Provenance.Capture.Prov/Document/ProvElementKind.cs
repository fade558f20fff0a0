namespace Provenance.Capture.Prov.Document;

/// <summary>Kinds of PROV elements.</summary>
public enum ProvElementKind
{
    /// <summary>prov:Entity.</summary>
    Entity,

    /// <summary>prov:Activity.</summary>
    Activity,

    /// <summary>prov:Agent.</summary>
    Agent,
}
