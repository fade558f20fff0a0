namespace Provenance.Capture.Records;

/// <summary>
/// The items of a record's <c>used</c>, <c>generated</c> or <c>derivations</c> field. Never changed once a
/// record holds it, so calls that use the same entities share one list, and a logger provider may keep
/// what it made of the list with it (<see cref="Rendered"/>).
/// </summary>
internal sealed class RecordItems(int capacity) : List<Dictionary<string, object?>>(capacity)
{
    private object? _rendered;

    /// <summary>A provider's own form of these items (e.g. a Serilog sequence), made once.</summary>
    public object? Rendered
    {
        get => Volatile.Read(ref _rendered);
        set => Volatile.Write(ref _rendered, value);
    }
}
