using System.Collections.Concurrent;

namespace Provenance.Capture.Prov.Writers;

/// <summary>
/// Writes buffers to a stream on a thread of its own, so that formatting the next megabyte and copying
/// the last one into the file (the kernel's share of writing a large document) go on at once. A few
/// buffers circulate; a failure of the stream (a full disk) reaches the caller at its next buffer or at
/// <see cref="Finish"/>.
/// </summary>
internal sealed class StreamPump : IDisposable
{
    private const int Ahead = 4;
    private readonly BlockingCollection<(byte[] Buffer, int Count)> _full = new(Ahead);
    private readonly ConcurrentBag<byte[]> _free = [];
    private readonly CancellationTokenSource _failed = new();
    private readonly Task _writer;
    private Exception? _failure;

    /// <summary>Starts the writing thread.</summary>
    /// <param name="stream">Where the bytes go.</param>
    public StreamPump(Stream stream)
    {
        _writer = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    foreach (var (buffer, count) in _full.GetConsumingEnumerable())
                    {
                        stream.Write(buffer, 0, count);
                        _free.Add(buffer);
                    }

                    stream.Flush();
                }
                catch (Exception failure)
                {
                    _failure = failure;
                    _failed.Cancel();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    /// <summary>Takes a full buffer to write (<see cref="JsonText"/>'s sink) and gives one to fill next.</summary>
    /// <param name="buffer">The bytes.</param>
    /// <param name="count">How many of them.</param>
    /// <returns>An empty buffer of the same size.</returns>
    public byte[] Take(byte[] buffer, int count)
    {
        Write(buffer, count);
        return Rent(buffer.Length);
    }

    /// <summary>Queues a buffer to write; it goes back to the pool once written.</summary>
    /// <param name="buffer">The bytes.</param>
    /// <param name="count">How many of them.</param>
    public void Write(byte[] buffer, int count)
    {
        try
        {
            _full.Add((buffer, count), _failed.Token);
        }
        catch (OperationCanceledException)
        {
            Rethrow();
        }
    }

    /// <summary>A written buffer to fill again, or a new one (any thread may ask).</summary>
    /// <param name="size">The size of a new one.</param>
    /// <returns>The buffer.</returns>
    public byte[] Rent(int size) => _free.TryTake(out var free) ? free : new byte[size];

    /// <summary>Waits until every buffer is in the stream.</summary>
    public void Finish()
    {
        _full.CompleteAdding();
        _writer.GetAwaiter().GetResult();
        Rethrow();
    }

    /// <summary>Stops the thread (after <see cref="Finish"/>, or when formatting failed).</summary>
    public void Dispose()
    {
        if (!_full.IsAddingCompleted)
        {
            _full.CompleteAdding();
        }

        _writer.GetAwaiter().GetResult();
        _full.Dispose();
        _failed.Dispose();
    }

    private void Rethrow()
    {
        if (_failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure);
        }
    }
}
