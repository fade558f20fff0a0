namespace Provenance.Capture.Runtime;

internal enum CaptureMode
{
    Ignored,
    Modelled,
    Blind,
}
