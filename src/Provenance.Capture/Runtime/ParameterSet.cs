namespace Provenance.Capture.Runtime;

/// <summary>
/// A call's parameters: the record's map, with the values in model order to compare the next call's
/// with. Never changed once a record holds it.
/// </summary>
internal sealed class ParameterSet(object?[] values, Dictionary<string, object?> map)
{
    public object?[] Values { get; } = values;

    public Dictionary<string, object?> Map { get; } = map;
}
