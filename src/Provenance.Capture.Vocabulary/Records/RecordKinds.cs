namespace Provenance.Capture.Records;

/// <summary>Record kinds (the <c>prov_kind</c> field).</summary>
public static class RecordKinds
{
    /// <summary>Execution environment, once per process.</summary>
    public const string Session = "session";

    /// <summary>An activity began: parameters and used entities.</summary>
    public const string ActivityStart = "activity_start";

    /// <summary>An activity ended: status and generated entities.</summary>
    public const string ActivityEnd = "activity_end";

    /// <summary>An entity (file, collection, value), once per process while unchanged.</summary>
    public const string Entity = "entity";

    /// <summary>A stand-alone usage (LST logs; capture carries usages on <see cref="ActivityStart"/>).</summary>
    public const string Used = "used";

    /// <summary>A stand-alone generation (LST logs; capture carries them on <see cref="ActivityEnd"/>).</summary>
    public const string Generated = "generated";

    /// <summary>A stand-alone derivation.</summary>
    public const string Derivation = "derivation";

    /// <summary>A stand-alone membership.</summary>
    public const string Membership = "membership";

    /// <summary>Stand-alone parameters.</summary>
    public const string Parameters = "parameters";

    /// <summary>Something capture could not record as asked (a missing input file...).</summary>
    public const string Warning = "warning";

    /// <summary>Every kind a reader of schema version 1 understands.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Session, ActivityStart, ActivityEnd, Entity, Used, Generated, Derivation, Membership, Parameters, Warning,
    };
}
