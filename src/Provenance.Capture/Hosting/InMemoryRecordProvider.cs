using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Provenance.Capture.Records;

namespace Provenance.Capture.Hosting;

/// <summary>
/// Keeps PROV records in memory, for pipeline developers' own tests: start capture with a logger
/// factory holding this provider, call the pipeline, then assert on <see cref="Records"/>.
/// </summary>
/// <example>
/// <code>
/// var records = new InMemoryRecordProvider();
/// using var factory = LoggerFactory.Create(b => b.AddProvider(records));
/// using (ProvenanceCapture.Start(options, factory)) { Pipeline.R0ToDl1(...); }
/// Assert.Single(records.OfKind(RecordKinds.ActivityEnd));
/// </code>
/// </example>
public sealed class InMemoryRecordProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<ProvRecord> _records = new();

    /// <summary>Every record written so far, in order.</summary>
    public IReadOnlyList<ProvRecord> Records => [.. _records];

    /// <summary>The records of one kind.</summary>
    /// <param name="kind">One of <see cref="RecordKinds"/>.</param>
    /// <returns>Those records, in order.</returns>
    public IReadOnlyList<ProvRecord> OfKind(string kind) => [.. _records.Where(r => r.Kind == kind)];

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName)
        => categoryName == RecordSchema.Category ? new RecordLogger(_records) : NullLogger.Instance;

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private sealed class RecordLogger(ConcurrentQueue<ProvRecord> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is ProvRecord record)
            {
                records.Enqueue(record);
            }
        }
    }
}
