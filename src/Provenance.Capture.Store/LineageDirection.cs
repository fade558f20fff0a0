namespace Provenance.Capture.Store;

/// <summary>Which way a lineage walks.</summary>
public enum LineageDirection
{
    /// <summary>What the node came from: the activity that generated a file, what that activity used, and so on.</summary>
    Back,

    /// <summary>What came of the node: the activities that used a file, what they generated, and so on (what must be reprocessed).</summary>
    Forth,
}
