namespace Provenance.Capture;

/// <summary>
/// Where capture reports its own problems. Capture never throws into the pipeline it observes; a
/// failure to record is reported here (and through the diagnostics logger) and the work goes on.
/// </summary>
public static class SelfLog
{
    private static Action<string>? s_output;

    /// <summary>Sends self-diagnostics to a writer (e.g. <c>Console.Error.WriteLine</c>).</summary>
    /// <param name="output">The writer.</param>
    public static void Enable(Action<string> output) => s_output = output;

    /// <summary>Stops self-diagnostics.</summary>
    public static void Disable() => s_output = null;

    internal static void Write(string message)
    {
        var output = s_output;
        if (output is null)
        {
            return;
        }

        try
        {
            output($"{DateTimeOffset.UtcNow:O} {message}");
        }
        catch (Exception)
        {
            // A broken diagnostics writer must not break the pipeline either.
        }
    }
}
