namespace Provenance.Capture.Store;

/// <summary>
/// One table as ingest writes it: the columns given for each row, in order (the <c>document</c> column,
/// the ingest's own, is added by the writer), and the upsert's <c>ON CONFLICT</c> clause, which says what
/// happens to a row already stored. Both engines write the same rows with the same clause; they differ
/// only in how the rows reach the table.
/// </summary>
/// <param name="Name">The table's name.</param>
/// <param name="Columns">The columns of a row, in the order the writer is given them.</param>
/// <param name="Key">The columns of the table's key: one row per value of them.</param>
/// <param name="OnConflict">The upsert's clause, naming the stored row by the table's name and the new one as <c>excluded</c>.</param>
/// <param name="HasDocument">Whether rows carry the id of the document that brought them.</param>
internal sealed record StoreTable(string Name, IReadOnlyList<StoreColumn> Columns, IReadOnlyList<string> Key, string OnConflict, bool HasDocument = true)
{
    /// <summary>The columns that hold an attribute (<see cref="StoreColumn.Attribute"/>), in order.</summary>
    public IReadOnlyList<StoreColumn> Held { get; } = [.. Columns.Where(c => c.Attribute is not null)];

    // Asked for every attribute of every row an ingest makes: a look-up, not a walk through the list.
    private readonly Dictionary<string, StoreColumn> _heldByAttribute = Columns.Where(c => c.Attribute is not null).ToDictionary(c => c.Attribute!, StringComparer.Ordinal);

    /// <summary>The held column of an attribute, if any.</summary>
    /// <param name="attribute">A PROV attribute's name.</param>
    public StoreColumn? HeldColumn(string attribute) => _heldByAttribute.TryGetValue(attribute, out var column) ? column : null;

    /// <summary>The held columns as a SQL list of texts of the row named <paramref name="alias"/>.</summary>
    /// <param name="alias">The table's alias in the query.</param>
    public string HeldList(string alias) => string.Join(", ", Held.Select(c => $"CAST({alias}.{c.Name} AS TEXT)"));

    /// <summary>The columns written, the document's last when the table has one.</summary>
    public IEnumerable<string> WrittenColumns => HasDocument ? [.. Columns.Select(c => c.Name), "document"] : Columns.Select(c => c.Name);
}
