using Microsoft.Extensions.Logging;
using Provenance.Capture.Records;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Provenance.Capture.Hosting;

/// <summary>One-line set-up of the common case: PROV records as CLEF lines in a file, through Serilog.</summary>
public static class ProvenanceLogging
{
    /// <summary>
    /// A Serilog logger that writes only PROV records (category <c>Provenance</c>) to a CLEF file.
    /// The file may be shared by several processes; each record is handed to the operating system
    /// as it is written (no in-process buffer that a killed job would lose).
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

        return new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .Filter.ByIncludingOnly(IsProvRecord)
            .WriteTo.File(new CompactJsonFormatter(), path, shared: true, buffered: false)
            .CreateLogger();
    }

    /// <summary>A logger factory whose only provider writes PROV records to a CLEF file.</summary>
    /// <param name="path">The log file.</param>
    /// <returns>The factory; disposing it closes the file.</returns>
    public static ILoggerFactory CreateFileLoggerFactory(string path)
    {
        var provider = new ClefRecordLoggerProvider(CreateFileLogger(path));
        return LoggerFactory.Create(builder => builder.AddProvider(provider));
    }

    /// <summary>Adds a provider that writes PROV records (and nothing else) to a CLEF file.</summary>
    /// <param name="builder">The logging builder.</param>
    /// <param name="path">The log file.</param>
    /// <returns>The builder.</returns>
    public static ILoggingBuilder AddProvenanceFile(this ILoggingBuilder builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddProvider(new ClefRecordLoggerProvider(CreateFileLogger(path)));
        return builder;
    }

    /// <summary>Whether a Serilog event is a PROV record (its source context is exactly <c>Provenance</c>).</summary>
    /// <param name="logEvent">The event.</param>
    /// <returns>True for PROV records.</returns>
    public static bool IsProvRecord(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        return logEvent.Properties.TryGetValue("SourceContext", out var context)
               && context is ScalarValue { Value: RecordSchema.Category };
    }
}
