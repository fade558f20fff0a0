namespace Provenance.Capture.Prov.Readers;

/// <summary>Takes the lines of <see cref="LogReader.Scan"/>.</summary>
internal interface ILineConsumer
{
    /// <summary>A CLEF line; returns why it is unusable, or null.</summary>
    string? Clef(ReadOnlySpan<byte> line);

    /// <summary>A record read from another format.</summary>
    void Record(LogRecord record);
}
