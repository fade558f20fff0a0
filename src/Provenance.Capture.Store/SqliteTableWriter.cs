using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Provenance.Capture.Store;

/// <summary>
/// Writes rows into a SQLite table with one prepared upsert, bound by position through SQLite's own
/// interface: ADO.NET's parameters look every name up again on every row, which cost about a quarter
/// of an ingest. The document's id is bound once.
/// </summary>
internal sealed class SqliteTableWriter : TableWriter
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    public SqliteTableWriter(SqliteConnection connection, StoreTable table, long document)
        : base(table)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        var columns = table.WrittenColumns.ToList();
        var values = string.Join(", ", columns.Select((_, i) => $"?{i + 1}"));
        var sql = $"INSERT INTO {table.Name} ({string.Join(", ", columns)}) VALUES ({values}) {table.OnConflict}";
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
        if (table.HasDocument)
        {
            Check(raw.sqlite3_bind_int64(_statement, columns.Count, document));
        }
    }

    public override void Finish()
    {
        // Each row is stored as it is written.
    }

    public override void Dispose() => _statement.Dispose();

    protected override void WriteText(int column, string value) => Check(raw.sqlite3_bind_text(_statement, column + 1, value));

    protected override void WriteNumber(int column, long value) => Check(raw.sqlite3_bind_int64(_statement, column + 1, value));

    protected override void WriteNull(int column) => Check(raw.sqlite3_bind_null(_statement, column + 1));

    protected override void WriteRow()
    {
        var step = raw.sqlite3_step(_statement);
        var reset = raw.sqlite3_reset(_statement);
        if (step != raw.SQLITE_DONE)
        {
            Check(step);
            Check(reset);
        }
    }

    private void Check(int code)
    {
        if (code is not raw.SQLITE_OK and not raw.SQLITE_DONE and not raw.SQLITE_ROW)
        {
            SqliteException.ThrowExceptionForRC(code, _database);
        }
    }
}
