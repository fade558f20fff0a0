using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Provenance.Capture.Store;

/// <summary>
/// Writes rows into a SQLite table with one prepared upsert bound by position (<see cref="SqliteStatement"/>),
/// each row stored as it is written; the document's id is bound once. A node column's key is found or
/// added as it is written, once per ingest: the elements come sorted by id, so new nodes go into the key
/// index side by side.
/// </summary>
internal sealed class SqliteTableWriter : TableWriter
{
    private readonly sqlite3 _database;
    private readonly IngestScope _scope;
    private readonly SqliteStatement _statement;
    private SqliteStatement? _addNode;
    private SqliteStatement? _findNode;

    public SqliteTableWriter(IngestScope scope, StoreTable table)
        : base(table)
    {
        _database = ((SqliteConnection)scope.Connection).Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        _scope = scope;
        var columns = table.WrittenColumns.ToList();
        var values = string.Join(", ", columns.Select((_, i) => $"?{i + 1}"));
        _statement = SqliteStatement.Prepare(_database, $"INSERT INTO {table.Name} ({string.Join(", ", columns)}) VALUES ({values}) {table.OnConflict}");
        if (table.HasDocument)
        {
            _statement.Number(columns.Count, scope.Document);
        }
    }

    public override void Finish()
    {
        // Each row is stored as it is written.
    }

    public override void Dispose()
    {
        _statement.Dispose();
        _addNode?.Dispose();
        _findNode?.Dispose();
    }

    protected override void WriteText(int column, string value) => _statement.Text(column + 1, value);

    protected override void WriteNumber(int column, long value) => _statement.Number(column + 1, value);

    protected override void WriteNode(int column, string id, int number) => _statement.Number(column + 1, Key(id, number));

    protected override void WriteNull(int column) => _statement.Null(column + 1);

    protected override void WriteRow() => _statement.Execute();

    // Added first (a new night's nodes are new), looked up when it was stored before.
    private long Key(string id, int number)
    {
        ref var known = ref _scope.NodeKey(number);
        if (known != 0)
        {
            return known;
        }

        _addNode ??= SqliteStatement.Prepare(_database, "INSERT INTO nodes (key) VALUES (?1) ON CONFLICT (key) DO NOTHING");
        _addNode.Text(1, id);
        if (_addNode.Execute() == 1)
        {
            known = _addNode.LastInsertRowId();
        }
        else
        {
            _findNode ??= SqliteStatement.Prepare(_database, "SELECT id FROM nodes WHERE key = ?1");
            _findNode.Text(1, id);
            known = _findNode.Scalar() ?? throw new InvalidOperationException($"the node '{id}' was neither added nor found");
        }

        return known;
    }
}
