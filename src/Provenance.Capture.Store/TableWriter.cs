namespace Provenance.Capture.Store;

/// <summary>
/// Writes rows into one table inside the ingest's transaction, value by value in the table's column
/// order, then <see cref="EndRow"/>; <see cref="Finish"/> makes the rows stored. Each engine writes
/// rows its fastest way; one writer is open on a connection at a time.
/// </summary>
internal abstract class TableWriter(StoreTable table) : IDisposable
{
    // Each column's type, looked at for every value written.
    private readonly StoreColumnType[] _types = [.. table.Columns.Select(c => c.Type)];
    private int _column;

    /// <summary>The table written.</summary>
    public StoreTable Table { get; } = table;

    /// <summary>How many rows were written.</summary>
    public long Rows { get; private set; }

    /// <summary>Sets the next column to a text, or to null.</summary>
    public TableWriter Text(string? value)
    {
        var column = Next(StoreColumnType.Text);
        if (value is null)
        {
            WriteNull(column);
        }
        else
        {
            WriteText(column, value);
        }

        return this;
    }

    /// <summary>Sets the next column to a number, or to null.</summary>
    public TableWriter Number(long? value)
    {
        var column = Next(StoreColumnType.Number);
        if (value is { } number)
        {
            WriteNumber(column, number);
        }
        else
        {
            WriteNull(column);
        }

        return this;
    }

    /// <summary>Sets the next column to the key of the node with this id (found or added).</summary>
    /// <param name="id">The node's id.</param>
    /// <param name="number">The node's number in this ingest: the same for every row that names it, from 0 up in the order first named.</param>
    public TableWriter Node(string id, int number)
    {
        WriteNode(Next(StoreColumnType.Node), id, number);
        return this;
    }

    /// <summary>Sets the next column to null, whatever it holds.</summary>
    public TableWriter Null()
    {
        WriteNull(Next(null));
        return this;
    }

    /// <summary>Writes the row whose columns were all set.</summary>
    public void EndRow()
    {
        if (_column != _types.Length)
        {
            throw new InvalidOperationException($"a row of {Table.Name} has {Table.Columns.Count} columns, {_column} were set");
        }

        WriteRow();
        _column = 0;
        Rows++;
    }

    /// <summary>Makes every row written so far part of the table (within the transaction).</summary>
    public abstract void Finish();

    /// <inheritdoc/>
    public abstract void Dispose();

    protected abstract void WriteText(int column, string value);

    protected abstract void WriteNumber(int column, long value);

    protected abstract void WriteNode(int column, string id, int number);

    protected abstract void WriteNull(int column);

    protected abstract void WriteRow();

    // The next column's index, checked to hold that type (any type for null).
    private int Next(StoreColumnType? type)
    {
        if (_column == _types.Length || (type is not null && _types[_column] != type))
        {
            throw new InvalidOperationException(_column == _types.Length
                ? $"a row of {Table.Name} has {Table.Columns.Count} columns"
                : $"{Table.Name}.{Table.Columns[_column].Name} holds {Table.Columns[_column].Type}, not {type}");
        }

        return _column++;
    }
}
