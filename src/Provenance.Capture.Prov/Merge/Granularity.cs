namespace Provenance.Capture.Prov.Merge;

/// <summary>How finely the merged document keeps activities apart.</summary>
public enum Granularity
{
    /// <summary>Everything as captured: one activity per call.</summary>
    Subrun,

    /// <summary>One activity per name and run; per-subrun files become run-level collections.</summary>
    Run,

    /// <summary>One activity per name for the whole selection (a night, a session).</summary>
    Night,
}
