namespace Provenance.Capture.Prov.Document;

/// <summary>How much a written graph held.</summary>
/// <param name="Entities">Entities.</param>
/// <param name="Activities">Activities.</param>
/// <param name="Agents">Agents.</param>
/// <param name="Relations">Relations of all kinds.</param>
public sealed record ProvCounts(int Entities, int Activities, int Agents, int Relations)
{
    // The counts of two parts of one document.
    internal ProvCounts Plus(ProvCounts other)
        => new(Entities + other.Entities, Activities + other.Activities, Agents + other.Agents, Relations + other.Relations);

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
