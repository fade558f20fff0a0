namespace Provenance.Capture.Runtime;

/// <summary>One running call of an activity: what its end record needs from its start.</summary>
internal sealed class ActivityCall
{
    public ActivityCall(MethodPlan plan, object?[] arguments, string id)
    {
        Plan = plan;
        Arguments = arguments;
        Id = id;
    }

    public MethodPlan Plan { get; }

    public object?[] Arguments { get; }

    public string Id { get; }

    /// <summary>Used entities by role, for the derivations written at the end.</summary>
    public UsedSet? Used { get; set; }

    /// <summary>Set once the end record is written, so a call is never ended twice.</summary>
    public int Ended;

    /// <summary>Whether the file watch's events were read for the start (used) and end (generated) records.</summary>
    public bool DrainedAtStart, DrainedAtEnd;
}
