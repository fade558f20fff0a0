using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Provenance.Capture.Store;

/// <summary>
/// Rows made on one thread and written on another: the maker (enumerating a merged graph, making each
/// element's attributes into JSON) fills batches of values with the same calls a <see cref="TableWriter"/>
/// takes, the writer's thread takes the full batches in order and replays them into the engine's writer.
/// So the rows of the next batch are being made while the database stores this one. A few batches are in
/// flight at once and reused; a writer that stops (an error) abandons the pipe, and the maker's next call
/// throws <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class RowPipe : IDisposable
{
    // Few rows in flight: the texts of rows made but not yet written outlive the young generation's collections
    // and were promoted; 4 batches of 4,096 values took the benchmark night from 13.0-13.4 s to 11.4-12.6 s
    // against 8 of 16,384 (1,024 values a batch: no better, more system time).
    private const int CellsPerBatch = 1 << 12;
    private const int BatchesInFlight = 4;

    private readonly BlockingCollection<RowBatch> _full = new(BatchesInFlight);
    private readonly ConcurrentBag<RowBatch> _free = [];
    private readonly CancellationTokenSource _abandoned = new();
    private readonly Dictionary<string, int> _nodes = new(StringComparer.Ordinal);
    private readonly (string? Id, int Number)[] _lastNodes = new (string?, int)[2];
    private RowBatch? _batch;
    private int _nodesInRow;

    /// <summary>Starts the rows of a table: the rows made before belong to the table started before.</summary>
    public void StartTable(StoreTable table)
    {
        Send();
        _batch = _free.TryTake(out var batch) ? batch : new RowBatch();
        _batch.Table = table;
    }

    /// <summary>Sets the next column to a text, or to null.</summary>
    public RowPipe Text(string? value) => Add(new RowCell(value is null ? RowCellKind.Null : RowCellKind.Text, value, 0));

    /// <summary>Sets the next column to a number, or to null.</summary>
    public RowPipe Number(long? value) => Add(new RowCell(value is null ? RowCellKind.Null : RowCellKind.Number, null, value.GetValueOrDefault()));

    /// <summary>
    /// Sets the next column to the node with this id, or to null. Each node is numbered here, from 0 in the order
    /// first named, so that the writer keeps its key by number instead of looking the id up again.
    /// </summary>
    public RowPipe Node(string? id)
    {
        if (id is null)
        {
            return Add(new RowCell(RowCellKind.Null, null, 0));
        }

        // A merged graph hands over one string for an activity's id in all its relations: found without a look-up
        // when the same node column of the row before named the same string.
        var slot = Math.Min(_nodesInRow++, _lastNodes.Length - 1);
        if (ReferenceEquals(id, _lastNodes[slot].Id))
        {
            return Add(new RowCell(RowCellKind.Node, id, _lastNodes[slot].Number));
        }

        var number = NumberOf(id);
        _lastNodes[slot] = (id, number);
        return Add(new RowCell(RowCellKind.Node, id, number));
    }

    /// <summary>Sets the next column to a node whose number <see cref="NumberOf"/> gave.</summary>
    public RowPipe Node(string id, int number)
    {
        _nodesInRow++;
        return Add(new RowCell(RowCellKind.Node, id, number));
    }

    /// <summary>The number of the node with this id: the one it was given when first named, else the next.</summary>
    public int NumberOf(string id)
    {
        ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(_nodes, id, out var named);
        if (!named)
        {
            number = _nodes.Count - 1;
        }

        return number;
    }

    /// <summary>Ends the row whose columns were all set; a full batch goes to the writer.</summary>
    public void EndRow()
    {
        var batch = Current;
        batch.Ends.Add(batch.Cells.Count);
        _nodesInRow = 0;
        if (batch.Cells.Count >= CellsPerBatch)
        {
            var table = batch.Table!;
            StartTable(table);
        }
    }

    /// <summary>Sends the last batch and tells the writer that no more rows come.</summary>
    public void Complete()
    {
        Send();
        _full.CompleteAdding();
    }

    /// <summary>The batches in the order they were made, until the maker completes; each written before the next is taken.</summary>
    /// <param name="write">Writes one batch's rows (the batch is reused after it returns).</param>
    public void Drain(Action<StoreTable, RowBatch> write)
    {
        foreach (var batch in _full.GetConsumingEnumerable())
        {
            write(batch.Table!, batch);
            batch.Clear();
            _free.Add(batch);
        }
    }

    /// <summary>Stops the maker: its next call throws, and nothing more is sent.</summary>
    public void Abandon() => _abandoned.Cancel();

    /// <inheritdoc/>
    public void Dispose()
    {
        _full.Dispose();
        _abandoned.Dispose();
    }

    private RowBatch Current => _batch ?? throw new InvalidOperationException("no table was started");

    private RowPipe Add(RowCell cell)
    {
        Current.Cells.Add(cell);
        return this;
    }

    private void Send()
    {
        if (_batch is { Ends.Count: > 0 } batch)
        {
            _full.Add(batch, _abandoned.Token);
        }
        else if (_batch is { } empty)
        {
            empty.Clear();
            _free.Add(empty);
        }

        _batch = null;
    }
}
