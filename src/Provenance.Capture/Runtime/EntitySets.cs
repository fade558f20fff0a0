using Provenance.Capture.Records;

namespace Provenance.Capture.Runtime;

/// <summary>The entities one call used, by role, with the items of its start record.</summary>
internal sealed class UsedSet(KeyValuePair<string, string>[] roles)
{
    public KeyValuePair<string, string>[] Roles { get; } = roles;

    public RecordItems Items { get; } = new(roles.Length);
}

/// <summary>The entities one call generated, by role, with the items of its end record and the used set they derive from.</summary>
internal sealed class GeneratedSet(KeyValuePair<string, string>[] roles, UsedSet? from)
{
    public KeyValuePair<string, string>[] Roles { get; } = roles;

    public UsedSet? From { get; } = from;

    public RecordItems Items { get; } = new(roles.Length);

    public RecordItems? Derivations { get; set; }
}

/// <summary>
/// A call's parameters: the record's map, with the values in model order to compare the next call's
/// with. Never changed once a record holds it.
/// </summary>
internal sealed class ParameterSet(object?[] values, Dictionary<string, object?> map)
{
    public object?[] Values { get; } = values;

    public Dictionary<string, object?> Map { get; } = map;
}
