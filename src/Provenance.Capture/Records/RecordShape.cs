namespace Provenance.Capture.Records;

/// <summary>
/// What the records of one kind from one method share (their fields, mostly their values): a logger
/// provider may keep what it made of the last such record here (<see cref="Rendered"/>).
/// </summary>
internal sealed class RecordShape(int fields)
{
    private object? _rendered;
    private string[] _names = [];

    /// <summary>The field count of the last such record: the next one is made that size.</summary>
    public int Fields { get; set; } = fields;

    /// <summary>The field names of the last such record (never changed once here): the next one shares them while its own agree.</summary>
    public string[] Names
    {
        get => Volatile.Read(ref _names);
        set => Volatile.Write(ref _names, value);
    }

    /// <summary>A provider's own state for records of this shape.</summary>
    public object? Rendered
    {
        get => Volatile.Read(ref _rendered);
        set => Volatile.Write(ref _rendered, value);
    }
}
