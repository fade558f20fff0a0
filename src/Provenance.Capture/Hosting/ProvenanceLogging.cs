using Microsoft.Extensions.DependencyInjection;
using Provenance.Capture.Clef;

// In the namespace of the type it extends, as the framework's own AddXxx methods: found without a using.
namespace Microsoft.Extensions.Logging;

/// <summary>One-line set-up of the common case: PROV records as CLEF lines in a file.</summary>
public static class ProvenanceLogging
{
    /// <summary>Adds a provider that writes PROV records (and nothing else) to a CLEF file, opened now and closed when the service provider is disposed.</summary>
    /// <param name="builder">The logging builder.</param>
    /// <param name="path">The log file.</param>
    /// <returns>The builder.</returns>
    public static ILoggingBuilder AddProvenanceFile(this ILoggingBuilder builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Opened now (a log that cannot be opened is an error here, not at the first record), and handed out by a
        // factory: the container disposes what its factories made, not instances given to it (AddProvider's), so
        // disposing the service provider closes the log.
        var provider = new ClefRecordLoggerProvider(ClefLogging.CreateFileLogger(path));
        builder.Services.AddSingleton<ILoggerProvider>(_ => provider);
        return builder;
    }
}
