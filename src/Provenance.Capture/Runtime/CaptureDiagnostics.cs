using Microsoft.Extensions.Logging;

namespace Provenance.Capture.Runtime;

/// <summary>
/// Capture's own problems: to the diagnostics logger and to <see cref="SelfLog"/>. Reporting never
/// throws into the pipeline either.
/// </summary>
internal sealed class CaptureDiagnostics(ILogger logger)
{
    public void Warn(string message)
    {
        try
        {
            logger.LogWarning("{Diagnostic}", message);
        }
        catch (Exception)
        {
            // A broken diagnostics logger must not break the pipeline.
        }

        SelfLog.Write(message);
    }

    public void ActivityWarning(string activity, string activityId, string message)
    {
        try
        {
            logger.LogWarning("Activity {Activity} ({ActivityId}): {Message}", activity, activityId, message);
        }
        catch (Exception)
        {
            // As above.
        }

        SelfLog.Write($"activity '{activity}' ({activityId}): {message}");
    }

    public void Failure(string what, Exception e)
    {
        try
        {
            logger.LogError(e, "Provenance capture {What}", what);
        }
        catch (Exception)
        {
            // As above.
        }

        SelfLog.Write($"{what}: {e}");
    }
}
