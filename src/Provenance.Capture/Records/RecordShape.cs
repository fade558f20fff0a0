namespace Provenance.Capture.Records;

/// <summary>
/// What the records of one kind from one method share (their fields, mostly their values): a logger
/// provider may key what it made of the last such record by it.
/// </summary>
internal sealed class RecordShape(int fields)
{
    private string[] _names = [];

    /// <summary>The field count of the last such record: the next one is made that size.</summary>
    public int Fields { get; set; } = fields;

    /// <summary>The field names of the last such record (never changed once here): the next one shares them while its own agree.</summary>
    public string[] Names
    {
        get => Volatile.Read(ref _names);
        set => Volatile.Write(ref _names, value);
    }
}
