namespace Provenance.Capture;

/// <summary>What to do with an <see cref="ActivityAttribute"/> method the model does not describe.</summary>
public enum UnmodelledActivityHandling
{
    /// <summary>One warning at start-up; the method runs unrecorded.</summary>
    Warn,

    /// <summary>Record it "blind": parameters by name and value, file paths as entities.</summary>
    CaptureBlind,

    /// <summary>Refuse to start.</summary>
    Error,
}
