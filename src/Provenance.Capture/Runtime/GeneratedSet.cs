using Provenance.Capture.Records;

namespace Provenance.Capture.Runtime;

/// <summary>The entities one call generated, by role, with the items of its end record and the used set they derive from.</summary>
internal sealed class GeneratedSet(KeyValuePair<string, string>[] roles, UsedSet? from)
{
    public KeyValuePair<string, string>[] Roles { get; } = roles;

    public UsedSet? From { get; } = from;

    public RecordItems Items { get; } = new(roles.Length);

    public RecordItems? Derivations { get; set; }
}
