namespace Provenance.Capture.Store;

/// <summary>The rows of one table made as one piece: their values in order, and where each row ends.</summary>
internal sealed class RowBatch
{
    /// <summary>The table the rows go into.</summary>
    public StoreTable? Table { get; set; }

    /// <summary>Every row's values, row after row.</summary>
    public List<RowCell> Cells { get; } = [];

    /// <summary>For each row, the index in <see cref="Cells"/> just past its last value.</summary>
    public List<int> Ends { get; } = [];

    /// <summary>Replays the rows into an engine's writer of the same table.</summary>
    public void WriteTo(TableWriter writer)
    {
        var start = 0;
        foreach (var end in Ends)
        {
            for (var i = start; i < end; i++)
            {
                var cell = Cells[i];
                _ = cell.Kind switch
                {
                    RowCellKind.Text => writer.Text(cell.Text),
                    RowCellKind.Number => writer.Number(cell.Number),
                    RowCellKind.Node => writer.Node(cell.Text!, (int)cell.Number),
                    _ => writer.Null(),
                };
            }

            writer.EndRow();
            start = end;
        }
    }

    /// <summary>Empties the batch for reuse.</summary>
    public void Clear()
    {
        Table = null;
        Cells.Clear();
        Ends.Clear();
    }
}
