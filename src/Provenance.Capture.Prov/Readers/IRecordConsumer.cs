namespace Provenance.Capture.Prov.Readers;

/// <summary>
/// Takes the records that the readers decode, whatever their format: what the merge (and any other use
/// of the logs) builds on. The record is reused for the next line: read what you keep during the call
/// (its symbols stay valid, they belong to the reader's <see cref="Symbols.RecordSymbols"/>).
/// </summary>
internal interface IRecordConsumer
{
    /// <summary>One record.</summary>
    /// <param name="record">The record, valid during the call.</param>
    void Take(DecodedRecord record);
}
