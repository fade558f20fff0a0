namespace Provenance.Capture.Records;

/// <summary>Activity status values (the <c>status</c> field of <see cref="RecordKinds.ActivityEnd"/>).</summary>
public static class ActivityStatus
{
    /// <summary>The body ran and returned.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>The body threw; <c>exception_type</c> and <c>exception_message</c> say what.</summary>
    public const string Failed = "failed";

    /// <summary>Dry-run: the body was skipped, outputs were resolved from the model.</summary>
    public const string DryRun = "dry_run";
}
