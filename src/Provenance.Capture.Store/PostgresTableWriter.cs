using Npgsql;
using NpgsqlTypes;

namespace Provenance.Capture.Store;

/// <summary>
/// Writes rows into a PostgreSQL table by binary COPY into a temporary table of the transaction, then
/// one upsert from it: one round trip for all the rows instead of one per row. The upsert is the same
/// as SQLite's, row for row.
/// </summary>
internal sealed class PostgresTableWriter : TableWriter
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly long _document;
    private readonly string _stage;
    private NpgsqlBinaryImporter? _import;

    public PostgresTableWriter(NpgsqlConnection connection, NpgsqlTransaction transaction, StoreTable table, long document)
        : base(table)
    {
        (_connection, _transaction, _document) = (connection, transaction, document);
        _stage = "ingest_" + table.Name;
        var columns = string.Join(", ", table.Columns.Select(c => $"{c.Name} {(c.IsNumber ? "BIGINT" : "TEXT")}"));
        Execute($"DROP TABLE IF EXISTS {_stage}; CREATE TEMPORARY TABLE {_stage} ({columns}) ON COMMIT DROP");
        _import = connection.BeginBinaryImport($"COPY {_stage} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)");
    }

    public override void Finish()
    {
        if (_import is null)
        {
            return;
        }

        _import.Complete();
        _import.Dispose();
        _import = null;
        var written = string.Join(", ", Table.WrittenColumns);
        var document = Table.HasDocument ? $", CAST({_document} AS BIGINT)" : string.Empty;

        // WHERE true: without it, PostgreSQL would read ON CONFLICT as part of the SELECT.
        Execute($"INSERT INTO {Table.Name} ({written}) SELECT {Table.ColumnList}{document} FROM {_stage} WHERE true {Table.OnConflict}");
    }

    public override void Dispose() => _import?.Dispose();

    protected override void WriteText(int column, string value) => Import(column).Write(value, NpgsqlDbType.Text);

    protected override void WriteNumber(int column, long value) => Import(column).Write(value, NpgsqlDbType.Bigint);

    protected override void WriteNull(int column) => Import(column).WriteNull();

    protected override void WriteRow()
    {
    }

    private NpgsqlBinaryImporter Import(int column)
    {
        var import = _import ?? throw new InvalidOperationException($"the rows of {Table.Name} were already stored");
        if (column == 0)
        {
            import.StartRow();
        }

        return import;
    }

    private void Execute(string sql)
    {
        // No time limit: the upsert of a night's relations takes as long as it takes, inside the ingest's transaction.
        using var command = new NpgsqlCommand(sql, _connection, _transaction) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }
}
