using Npgsql;
using NpgsqlTypes;

namespace Provenance.Capture.Store;

/// <summary>
/// Writes rows into a PostgreSQL table by binary COPY into a temporary table of the transaction, then
/// one upsert from it: one round trip for all the rows instead of one per row. The upsert is the same
/// as SQLite's, row for row. A node column is staged as the node's key when an earlier table of the ingest
/// added it (the relations name the elements added before them), else as its id: the nodes that no earlier
/// table named are added in one statement, their keys kept for the tables after, and the upsert finds the key
/// of each id (a join when the column holds ids only, a look-up per id among keys).
/// </summary>
internal sealed class PostgresTableWriter : TableWriter
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly long _document;
    private readonly string _stage;
    private readonly IngestScope _scope;
    private readonly List<(string Id, int Number)> _new = [];

    // By column: how many of its values were staged as a node's id (not keyed yet) and as a node's key.
    private readonly int[] _staged;
    private readonly int[] _keyed;
    private NpgsqlBinaryImporter? _import;

    public PostgresTableWriter(IngestScope scope, StoreTable table)
        : base(table)
    {
        (_connection, _transaction, _document, _scope) = ((NpgsqlConnection)scope.Connection, (NpgsqlTransaction)scope.Transaction, scope.Document, scope);
        _stage = "ingest_" + table.Name;
        // Each staged row numbered in the order written (COPY fills the identity column in input order): among rows
        // of one key, the first written is the one stored, as on SQLite.
        // A node column is staged twice, as the node's key or else as its id. The benchmark night's relations, all
        // staged as keys, went in in 5.0 s instead of 5.9-8.6 s joined by their ids.
        var columns = table.Columns.Select(c => c.Type switch
        {
            StoreColumnType.Node => $"{c.Name} TEXT, {c.Name}_key BIGINT",
            StoreColumnType.Number => $"{c.Name} BIGINT",
            _ => $"{c.Name} TEXT",
        });
        var staged = table.Columns.Select(c => c.Type == StoreColumnType.Node ? $"{c.Name}, {c.Name}_key" : c.Name);
        (_staged, _keyed) = (new int[table.Columns.Count], new int[table.Columns.Count]);
        Execute($"DROP TABLE IF EXISTS {_stage}; CREATE TEMPORARY TABLE {_stage} (ordinal BIGINT GENERATED ALWAYS AS IDENTITY, {string.Join(", ", columns)}) ON COMMIT DROP");
        _import = _connection.BeginBinaryImport($"COPY {_stage} ({string.Join(", ", staged)}) FROM STDIN (FORMAT BINARY)");
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
            var added = AddNodes();
            _scope.AllNodesNew &= added == _new.Count;
        }

        var nodes = Table.Columns.Select((c, i) => (c.Name, Index: i, c.Type)).Where(c => c.Type == StoreColumnType.Node).ToList();
        var selected = Table.Columns.Select((c, i) => c.Type != StoreColumnType.Node ? $"s.{c.Name}"
            : _keyed[i] == 0 ? $"n{i}.id"
            : _staged[i] == 0 ? $"s.{c.Name}_key"
            : $"COALESCE(s.{c.Name}_key, (SELECT n.id FROM nodes n WHERE n.key = s.{c.Name}))").ToList();
        var keys = string.Concat(nodes.Where(c => _keyed[c.Index] == 0).Select(c => $" LEFT JOIN nodes n{c.Index} ON n{c.Index}.key = s.{c.Name}"));

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
            : (string.Empty, $"WHERE true ORDER BY {string.Join(", ", nodes.Select(c => selected[c.Index]).Append("s.ordinal"))} {Table.OnConflict}");
        Execute($"SET LOCAL work_mem = '256MB'; ANALYZE {_stage}; INSERT INTO {Table.Name} ({written}) SELECT {distinct}{string.Join(", ", selected)}{document} FROM {_stage} s{keys} {rest}");
    }

    public override void Dispose() => _import?.Dispose();

    protected override void WriteText(int column, string value) => Import(column).Write(value, NpgsqlDbType.Text);

    protected override void WriteNumber(int column, long value) => Import(column).Write(value, NpgsqlDbType.Bigint);

    protected override void WriteNode(int column, string id, int number)
    {
        var import = Import(column);
        if (_scope.NodeKey(number) is var key and not 0)
        {
            import.WriteNull();
            import.Write(key, NpgsqlDbType.Bigint);
            _keyed[column]++;
            return;
        }

        if (_scope.FirstNamed(number))
        {
            _new.Add((id, number));
        }

        import.Write(id, NpgsqlDbType.Text);
        import.WriteNull();
        _staged[column]++;
    }

    protected override void WriteNull(int column)
    {
        var import = Import(column);
        import.WriteNull();
        if (Table.Columns[column].Type == StoreColumnType.Node)
        {
            import.WriteNull();
        }
    }

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

    // Adds the nodes first named by this table that the store does not hold, keeping the key of each for the tables after
    // it; in order of their ids, so that the index of ids is filled page after page. NOT EXISTS instead of a conflict
    // clause (PostgreSQL's speculative insertion): no other ingest adds nodes meanwhile (they take turns), and the ids are
    // distinct (RowPipe numbers each once). 428,572 ids in psql: 3.0-3.3 s against 5.0-6.5 s. How many were added.
    private int AddNodes()
    {
        using var command = new NpgsqlCommand("INSERT INTO nodes (key) SELECT k FROM unnest(@keys) AS u(k) WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.key = u.k) ORDER BY k RETURNING key, id", _connection, _transaction) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter<string[]>("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. _new.Select(n => n.Id)] });
        var numbers = new Dictionary<string, int>(_new.Count, StringComparer.Ordinal);
        foreach (var (id, number) in _new)
        {
            numbers[id] = number;
        }

        var added = 0;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            _scope.NodeKey(numbers[reader.GetString(0)]) = reader.GetInt64(1);
            added++;
        }

        return added;
    }

    private void Execute(string sql)
    {
        // No time limit: the upsert of a night's relations takes as long as it takes, inside the ingest's transaction.
        using var command = new NpgsqlCommand(sql, _connection, _transaction) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }
}
