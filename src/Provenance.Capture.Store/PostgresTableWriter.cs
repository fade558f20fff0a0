using Npgsql;
using NpgsqlTypes;

namespace Provenance.Capture.Store;

/// <summary>
/// Writes rows into a PostgreSQL table by binary COPY into a temporary table of the transaction, then
/// one upsert from it: one round trip for all the rows instead of one per row. The upsert is the same
/// as SQLite's, row for row. Node columns are staged as the nodes' ids: the nodes that no earlier table
/// of the ingest named are added in one statement, and the upsert takes each node's key by a join.
/// </summary>
internal sealed class PostgresTableWriter : TableWriter
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly long _document;
    private readonly string _stage;
    private readonly IngestScope _scope;
    private readonly List<string> _new = [];
    private NpgsqlBinaryImporter? _import;

    public PostgresTableWriter(IngestScope scope, StoreTable table)
        : base(table)
    {
        (_connection, _transaction, _document, _scope) = ((NpgsqlConnection)scope.Connection, (NpgsqlTransaction)scope.Transaction, scope.Document, scope);
        _stage = "ingest_" + table.Name;
        // Each staged row numbered in the order written (COPY fills the identity column in input order): among rows
        // of one key, the first written is the one stored, as on SQLite.
        var columns = string.Join(", ", table.Columns.Select(c => $"{c.Name} {(c.Type == StoreColumnType.Number ? "BIGINT" : "TEXT")}"));
        Execute($"DROP TABLE IF EXISTS {_stage}; CREATE TEMPORARY TABLE {_stage} (ordinal BIGINT GENERATED ALWAYS AS IDENTITY, {columns}) ON COMMIT DROP");
        _import = _connection.BeginBinaryImport($"COPY {_stage} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)");
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
        if (_new.Count > 0)
        {
            // The relations of a graph name its elements, added before: a night's relations add almost no node.
            var added = Execute("INSERT INTO nodes (key) SELECT unnest(@keys) ON CONFLICT (key) DO NOTHING",
                new NpgsqlParameter<string[]>("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. _new] });
            _scope.AllNodesNew &= added == _new.Count;
        }

        var nodes = Table.Columns.Select((c, i) => (c.Name, Index: i, c.Type)).Where(c => c.Type == StoreColumnType.Node).ToList();
        var selected = Table.Columns.Select((c, i) => c.Type == StoreColumnType.Node ? $"n{i}.id" : $"s.{c.Name}").ToList();
        var keys = string.Concat(nodes.Select(c => $" LEFT JOIN nodes n{c.Index} ON n{c.Index}.key = s.{c.Name}"));

        // Every row names a node added by this ingest (the ingests take turns: PostgresEngine.BeginWrite), so none is
        // stored yet: no conflict to look for, only rows of one key given twice, of which the first written is kept, as
        // the upsert keeps it. The benchmark night's relations: 12.4 s with the conflict clause, 8.7 s without (psql,
        // both indexes). Otherwise the upsert (WHERE true: without it, PostgreSQL would read ON CONFLICT as part of the
        // SELECT), in the order of the node keys: the key index is then filled at its end, page after page, instead of
        // at random pages; the sort in memory (PostgreSQL's 4 MB default spills a night's relations to disk). The
        // benchmark night: 46.5-49.0 s unsorted, 43.4-46.3 s sorted on disk, 40.4-41.7 s sorted in memory, 6 % smaller.
        // Rows of one key stay in the order written.
        var columnNames = Table.Columns.Select(c => c.Name).ToList();
        var key = string.Join(", ", Table.Key.Select(name => selected[columnNames.IndexOf(name)]));
        var (distinct, rest) = nodes.Count > 0 && _scope.AllNodesNew
            ? ($"DISTINCT ON ({key}) ", $"ORDER BY {key}, s.ordinal")
            : (string.Empty, $"WHERE true ORDER BY {string.Join(", ", nodes.Select(c => $"n{c.Index}.id").Append("s.ordinal"))} {Table.OnConflict}");
        Execute($"SET LOCAL work_mem = '256MB'; ANALYZE {_stage}; INSERT INTO {Table.Name} ({written}) SELECT {distinct}{string.Join(", ", selected)}{document} FROM {_stage} s{keys} {rest}");
    }

    public override void Dispose() => _import?.Dispose();

    protected override void WriteText(int column, string value) => Import(column).Write(value, NpgsqlDbType.Text);

    protected override void WriteNumber(int column, long value) => Import(column).Write(value, NpgsqlDbType.Bigint);

    protected override void WriteNode(int column, string id, int number)
    {
        if (_scope.FirstNamed(number))
        {
            _new.Add(id);
        }

        Import(column).Write(id, NpgsqlDbType.Text);
    }

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

    // How many rows the statement changed.
    private int Execute(string sql, params NpgsqlParameter[] parameters)
    {
        // No time limit: the upsert of a night's relations takes as long as it takes, inside the ingest's transaction.
        using var command = new NpgsqlCommand(sql, _connection, _transaction) { CommandTimeout = 0 };
        command.Parameters.AddRange(parameters);
        return command.ExecuteNonQuery();
    }
}
