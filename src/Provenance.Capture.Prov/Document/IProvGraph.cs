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

/// <summary>How much a written graph held.</summary>
/// <param name="Entities">Entities.</param>
/// <param name="Activities">Activities.</param>
/// <param name="Agents">Agents.</param>
/// <param name="Relations">Relations of all kinds.</param>
public sealed record ProvCounts(int Entities, int Activities, int Agents, int Relations)
{
    // Counts a graph's elements and relations as a writer enumerates them (once).
    internal static ProvCounts While(IProvGraph graph, Action<IProvGraph> write)
    {
        var counting = new CountingGraph(graph);
        write(counting);
        return new ProvCounts(counting.Elements[0], counting.Elements[1], counting.Elements[2], counting.RelationCount);
    }

    private sealed class CountingGraph(IProvGraph inner) : IProvGraph
    {
        public readonly int[] Elements = new int[3];
        public int RelationCount;

        public IReadOnlyDictionary<string, string> Prefixes => inner.Prefixes;

        IEnumerable<ProvElement> IProvGraph.Elements(ProvElementKind kind)
        {
            foreach (var element in inner.Elements(kind))
            {
                Elements[(int)kind]++;
                yield return element;
            }
        }

        public IEnumerable<ProvRelation> Relations(ProvRelationKind kind)
        {
            foreach (var relation in inner.Relations(kind))
            {
                RelationCount++;
                yield return relation;
            }
        }
    }
}
