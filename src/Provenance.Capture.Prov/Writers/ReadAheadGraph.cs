using System.Collections.Concurrent;
using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Prov.Writers;

/// <summary>
/// A graph whose elements and relations are made on another thread while the writer formats the ones
/// made before (a merge's graph builds each element as it is enumerated: the two halves of writing take
/// about as long as each other). One section at a time, in the order the writer asks for them: the
/// graph is never enumerated by two threads at once, and the output is the same as without.
/// </summary>
/// <param name="graph">The graph.</param>
/// <param name="batch">How many items are handed over at a time.</param>
internal sealed class ReadAheadGraph(IProvGraph graph, int batch = 512) : IProvGraph
{
    private const int BatchesAhead = 16;

    public IReadOnlyDictionary<string, string> Prefixes => graph.Prefixes;

    public IEnumerable<ProvElement> Elements(ProvElementKind kind) => Ahead(() => graph.Elements(kind), batch);

    public IEnumerable<ProvRelation> Relations(ProvRelationKind kind) => Ahead(() => graph.Relations(kind), batch);

    // The items of a sequence, made by a producer thread a few batches ahead of the reader. A reader that
    // stops early stops the producer; an exception of the producer reaches the reader.
    private static IEnumerable<T> Ahead<T>(Func<IEnumerable<T>> source, int size)
    {
        using var stop = new CancellationTokenSource();
        using var queue = new BlockingCollection<T[]>(BatchesAhead);
        var producer = Task.Run(() =>
        {
            try
            {
                var batch = new List<T>(size);
                foreach (var item in source())
                {
                    batch.Add(item);
                    if (batch.Count == size)
                    {
                        queue.Add([.. batch], stop.Token);
                        batch.Clear();
                    }
                }

                if (batch.Count > 0)
                {
                    queue.Add([.. batch], stop.Token);
                }
            }
            finally
            {
                queue.CompleteAdding();
            }
        });

        try
        {
            foreach (var batch in queue.GetConsumingEnumerable())
            {
                foreach (var item in batch)
                {
                    yield return item;
                }
            }
        }
        finally
        {
            stop.Cancel();
            try
            {
                producer.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The reader stopped early.
            }
        }
    }
}
