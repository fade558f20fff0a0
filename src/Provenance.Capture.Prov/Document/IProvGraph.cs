namespace Provenance.Capture.Prov.Document;

/// <summary>
/// A PROV document as the writers read it: prefixes, then each kind of element sorted by id, then
/// each kind of relation. A <see cref="ProvDocument"/> is one; a merge result is another that makes
/// its elements as they are enumerated, so a night at subrun granularity is written without holding
/// the whole document in memory.
/// </summary>
public interface IProvGraph
{
    /// <summary>Prefix declarations (name to URI).</summary>
    IReadOnlyDictionary<string, string> Prefixes { get; }

    /// <summary>The elements of a kind, sorted by id (ordinal).</summary>
    /// <param name="kind">Entity, activity or agent.</param>
    /// <returns>The elements.</returns>
    IEnumerable<ProvElement> Elements(ProvElementKind kind);

    /// <summary>The relations of a kind, each once.</summary>
    /// <param name="kind">The relation.</param>
    /// <returns>The relations.</returns>
    IEnumerable<ProvRelation> Relations(ProvRelationKind kind);
}
