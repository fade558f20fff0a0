using Provenance.Capture;

namespace CaptureDriver;

/// <summary>The driver's one activity.</summary>
public static class DriverSteps
{
    /// <summary>A call that records its label and payload and does a little work.</summary>
    [Activity("step")]
    public static int Step(string label, string payload) => label.Length + payload.Length;

    /// <summary>The payload of a call: its length and letter follow from the call number, so a reader can check every byte.</summary>
    public static string PayloadOf(int call, int bigEvery, int bigLength)
        => new((char)('a' + (call % 26)), bigEvery > 0 && call % bigEvery == bigEvery - 1 ? bigLength : 64 + (call % 64));
}
