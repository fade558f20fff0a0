using System.Collections.Concurrent;

namespace Provenance.Capture;

/// <summary>
/// Where capture reports its own problems: a model entry no method uses, a method the model does not
/// describe, a file that cannot be read, a record that cannot be written. Capture never throws into the
/// pipeline it observes; such a problem is reported here (and through the diagnostics logger) and the
/// work goes on. By default each problem is printed once to standard error; <see cref="Enable"/> sends
/// every report to a writer of your choice instead, <see cref="Disable"/> silences them.
/// </summary>
public static class SelfLog
{
    /// <summary>How many distinct problems the default output prints before it stops (a flood is not read).</summary>
    public const int MaxPrinted = 1000;

    private static readonly ConcurrentDictionary<string, byte> s_printed = new(StringComparer.Ordinal);
    private static Action<string>? s_output;
    private static volatile bool s_silenced;

    /// <summary>Sends every self-diagnostic, time-stamped, to a writer (e.g. a log file's <c>WriteLine</c>) instead of standard error.</summary>
    /// <param name="output">The writer.</param>
    public static void Enable(Action<string> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        s_output = output;
        s_silenced = false;
    }

    /// <summary>Stops self-diagnostics, the default standard-error output included (the diagnostics logger still gets them).</summary>
    public static void Disable()
    {
        s_output = null;
        s_silenced = true;
    }

    internal static void Write(string message) => Write(message, message);

    /// <summary>Reports a problem; the default output prints each <paramref name="once"/> key one time only.</summary>
    internal static void Write(string message, string once)
    {
        message = Records.SecretRedactor.RedactValue(message);
        try
        {
            if (s_output is { } output)
            {
                output($"{DateTimeOffset.UtcNow:O} {message}");
            }
            else if (!s_silenced && s_printed.Count < MaxPrinted && s_printed.TryAdd(once, 0))
            {
                Console.Error.WriteLine($"provenance: {message}");
            }
        }
        catch (Exception)
        {
            // A broken diagnostics writer must not break the pipeline either.
        }
    }
}
