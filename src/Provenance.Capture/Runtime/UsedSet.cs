using Provenance.Capture.Records;

namespace Provenance.Capture.Runtime;

/// <summary>The entities one call used, by role, with the items of its start record.</summary>
internal sealed class UsedSet(KeyValuePair<string, string>[] roles)
{
    public KeyValuePair<string, string>[] Roles { get; } = roles;

    public RecordItems Items { get; } = new(roles.Length);
}
