using System.Collections.Concurrent;
using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Prov.Writers;

/// <summary>
/// Writes a document made of parts that may be formatted at once: the first part on the calling thread,
/// straight to the stream; each other part on a thread of its own into a short queue of buffers, handed
/// to the stream in turn once the parts before it are written. A failure of any part or of the stream
/// stops them all and reaches the caller.
/// </summary>
internal static class PartWriter
{
    // Buffers (of about a megabyte) a part written on another thread may have ready before its turn.
    private const int BuffersAhead = 32;

    /// <summary>Writes the parts of a document in order.</summary>
    /// <typeparam name="TText">The text the parts write into.</typeparam>
    /// <param name="parts">Each part: writes into a text, returns what it wrote.</param>
    /// <param name="first">The text of the first part, which goes straight to the pump.</param>
    /// <param name="textFor">A text for a later part, over the sink given.</param>
    /// <param name="flush">Hands a text's last bytes to its sink.</param>
    /// <param name="pump">Where the bytes go.</param>
    /// <returns>What all parts wrote.</returns>
    public static ProvCounts Write<TText>(IReadOnlyList<Func<TText, ProvCounts>> parts, TText first, Func<Func<byte[], int, byte[]>, TText> textFor, Action<TText> flush, StreamPump pump)
    {
        using var stop = new CancellationTokenSource();
        var queues = new List<BlockingCollection<(byte[] Buffer, int Count)>>();
        var workers = new List<Task<ProvCounts>>();
        try
        {
            foreach (var part in parts.Skip(1))
            {
                var queue = new BlockingCollection<(byte[] Buffer, int Count)>(BuffersAhead);
                queues.Add(queue);
                workers.Add(Task.Factory.StartNew(
                    () =>
                    {
                        try
                        {
                            var text = textFor((buffer, count) =>
                            {
                                queue.Add((buffer, count), stop.Token);
                                return pump.Rent(buffer.Length);
                            });
                            var counts = part(text);
                            flush(text);
                            return counts;
                        }
                        finally
                        {
                            queue.CompleteAdding();
                        }
                    },
                    stop.Token,
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default));
            }

            var total = parts[0](first);
            flush(first);
            for (var i = 0; i < queues.Count; i++)
            {
                foreach (var (buffer, count) in queues[i].GetConsumingEnumerable(stop.Token))
                {
                    pump.Write(buffer, count);
                }

                total = total.Plus(workers[i].GetAwaiter().GetResult());
            }

            return total;
        }
        finally
        {
            stop.Cancel();
            foreach (var worker in workers)
            {
                try
                {
                    worker.Wait();
                }
                catch (AggregateException)
                {
                    // Seen above, or the writing stopped for another failure.
                }
            }

            foreach (var queue in queues)
            {
                queue.Dispose();
            }
        }
    }
}
