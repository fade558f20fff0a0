using Microsoft.Extensions.Logging;
using Provenance.Capture.Records;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Provenance.Capture.Clef;

/// <summary>PROV records as CLEF lines through Serilog: the file logger and the filter that tells records from other events.</summary>
public static class ClefLogging
{
    /// <summary>
    /// A Serilog logger that writes only PROV records (category <c>Provenance</c>) to a CLEF file
    /// (<see cref="CompactJsonFormatter"/>). The file may be shared by several processes on one machine;
    /// each record is handed to the operating system as it is written (no in-process buffer that a killed
    /// job would lose). On Linux each record is one append to a file opened with <c>O_APPEND</c>; elsewhere
    /// Serilog's shared file sink does the same under a named mutex. The file has no size limit.
    /// </summary>
    /// <param name="path">The log file; its folder is created.</param>
    /// <returns>A Serilog logger; dispose it to close the file.</returns>
    public static Serilog.Core.Logger CreateFileLogger(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var configuration = new LoggerConfiguration().MinimumLevel.Verbose().Filter.ByIncludingOnly(IsProvRecord);
        var formatter = new CompactJsonFormatter(new ClefValueFormatter());
        var append = AppendFileSink.TryOpen(path, formatter);
        return (append is null
                ? configuration.WriteTo.File(formatter, path, fileSizeLimitBytes: null, shared: true, buffered: false)
                : configuration.WriteTo.Sink(append))
            .CreateLogger();
    }

    /// <summary>A logger factory whose only provider writes PROV records to a CLEF file.</summary>
    /// <param name="path">The log file.</param>
    /// <returns>The factory; disposing it closes the file.</returns>
    public static ILoggerFactory CreateFileLoggerFactory(string path)
    {
        // A provider added to the factory itself is disposed with it; one given to LoggerFactory.Create's
        // builder is an instance in its container, which does not dispose it: the log stayed open.
        var factory = new LoggerFactory();
        factory.AddProvider(new ClefRecordLoggerProvider(CreateFileLogger(path)));
        return factory;
    }

    /// <summary>
    /// Whether a Serilog event is a PROV record: it has a <c>prov_kind</c>, and a source context, if any, of
    /// exactly <c>Provenance</c>. Records that come through Serilog's general logger provider carry that
    /// context (their category); those of <see cref="ClefRecordLoggerProvider"/> carry none, as it writes
    /// nothing else.
    /// </summary>
    /// <param name="logEvent">The event.</param>
    /// <returns>True for PROV records.</returns>
    public static bool IsProvRecord(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var properties = logEvent.Properties;
        return properties.TryGetValue(RecordFields.Kind, out var kind) && kind is ScalarValue { Value: string }
               && (!properties.TryGetValue("SourceContext", out var context) || context is ScalarValue { Value: RecordSchema.Category });
    }
}
