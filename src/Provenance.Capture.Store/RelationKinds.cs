namespace Provenance.Capture.Store;

/// <summary>
/// The codes by which the store's relations name their kind, as the schema's <c>relation_kinds</c> table
/// lists them (a test holds the two equal): a small integer in both relation indexes instead of a name.
/// </summary>
internal static class RelationKinds
{
    private static readonly string[] Names =
    [
        "wasGeneratedBy", "used", "wasInformedBy", "wasDerivedFrom", "wasAttributedTo", "wasAssociatedWith", "actedOnBehalfOf",
        "hadMember", "wasStartedBy", "wasEndedBy", "wasInvalidatedBy", "specializationOf", "alternateOf",
    ];

    private static readonly Dictionary<string, int> Codes = Names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i + 1, StringComparer.Ordinal);

    /// <summary>Every kind with its code, in code order.</summary>
    public static IEnumerable<(int Code, string Name)> All => Names.Select((name, i) => (i + 1, name));

    /// <summary>The codes a lineage walks, as SQL list items; with or without <c>hadMember</c>.</summary>
    public static string WalkedCodes(bool members)
        => string.Join(", ", new[] { "used", "wasGeneratedBy", "wasDerivedFrom", "wasInformedBy" }.Concat(members ? ["hadMember"] : []).Select(Code));

    /// <summary>The code of a relation kind.</summary>
    public static int Code(string name) => Codes.TryGetValue(name, out var code) ? code : throw new ArgumentException($"no relation kind '{name}'", nameof(name));

    /// <summary>The name of a code.</summary>
    public static string Name(int code) => Names[code - 1];
}
