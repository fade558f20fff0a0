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
        Log(static (logger, message) => logger.LogWarning("{Diagnostic}", message), message);
        SelfLog.Write(message);
    }

    public void ActivityWarning(string activity, string activityId, string message)
    {
        Log(static (logger, state) => logger.LogWarning("Activity {Activity} ({ActivityId}): {Message}", state.activity, state.activityId, state.message), (activity, activityId, message));
        SelfLog.Write($"activity '{activity}' ({activityId}): {message}", $"activity '{activity}': {message}");
    }

    public void Failure(string what, Exception e)
    {
        Log(static (logger, state) => logger.LogError(state.e, "Provenance capture {What}", state.what), (what, e));
        SelfLog.Write($"{what}: {e}");
    }

    private void Log<TState>(Action<ILogger, TState> log, TState state)
    {
        try
        {
            log(logger, state);
        }
        catch (Exception)
        {
            // A broken diagnostics logger must not break the pipeline.
        }
    }
}
