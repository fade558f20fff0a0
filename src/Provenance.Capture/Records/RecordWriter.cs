using Microsoft.Extensions.Logging;

namespace Provenance.Capture.Records;

/// <summary>Writes records through an <see cref="ILogger"/> of category <see cref="RecordSchema.Category"/>.</summary>
internal sealed class RecordWriter
{
    private static readonly EventId RecordEvent = new(1, "ProvRecord");
    private static readonly Func<ProvRecord, Exception?, string> Format = static (record, _) => record.ToString();
    private readonly ILogger _logger;

    public RecordWriter(ILogger logger) => _logger = logger;

    public bool Enabled => _logger.IsEnabled(LogLevel.Information);

    public void Write(ProvRecord record) => _logger.Log(LogLevel.Information, RecordEvent, record, null, Format);
}
