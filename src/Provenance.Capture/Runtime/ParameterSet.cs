namespace Provenance.Capture.Runtime;

/// <summary>
/// A call's parameters: the record's map, with the values in model order to compare the next call's
/// with, and the XSD types of the values whose JSON form does not tell their .NET type (null when none
/// does). Never changed once a record holds it.
/// </summary>
internal sealed class ParameterSet(object?[] values, Dictionary<string, object?> map, Dictionary<string, object?>? types)
{
    public object?[] Values { get; } = values;

    public Dictionary<string, object?> Map { get; } = map;

    public Dictionary<string, object?>? Types { get; } = types;
}
