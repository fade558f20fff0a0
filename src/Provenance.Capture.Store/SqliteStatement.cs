using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Provenance.Capture.Store;

/// <summary>
/// One prepared SQLite statement driven through SQLite's own interface, its values bound by position:
/// ADO.NET's parameters look every name up again on every execution, which cost about a quarter of an ingest.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    private SqliteStatement(sqlite3 database, sqlite3_stmt statement) => (_database, _statement) = (database, statement);

    /// <summary>Prepares a statement whose values are written <c>?1</c>, <c>?2</c>…</summary>
    public static SqliteStatement Prepare(sqlite3 database, string sql)
    {
        Check(raw.sqlite3_prepare_v2(database, sql, out var statement), database);
        return new SqliteStatement(database, statement);
    }

    /// <summary>Binds a text (position from 1).</summary>
    public void Text(int position, string value) => Check(raw.sqlite3_bind_text(_statement, position, value), _database);

    /// <summary>Binds a number.</summary>
    public void Number(int position, long value) => Check(raw.sqlite3_bind_int64(_statement, position, value), _database);

    /// <summary>Binds null.</summary>
    public void Null(int position) => Check(raw.sqlite3_bind_null(_statement, position), _database);

    /// <summary>Runs a statement that returns no rows, keeping its bound values for the next run.</summary>
    /// <returns>How many rows it changed.</returns>
    public int Execute()
    {
        Finish(raw.sqlite3_step(_statement));
        return raw.sqlite3_changes(_database);
    }

    /// <summary>Runs a query of one number.</summary>
    /// <returns>The first row's first column, or null without a row.</returns>
    public long? Scalar()
    {
        var step = raw.sqlite3_step(_statement);
        long? value = step == raw.SQLITE_ROW ? raw.sqlite3_column_int64(_statement, 0) : null;
        Finish(step);
        return value;
    }

    /// <inheritdoc/>
    public void Dispose() => _statement.Dispose();

    private static void Check(int code, sqlite3 database)
    {
        if (code is not raw.SQLITE_OK and not raw.SQLITE_DONE and not raw.SQLITE_ROW)
        {
            SqliteException.ThrowExceptionForRC(code, database);
        }
    }

    // Makes the statement ready to run again; an error of the step is reported before the reset's.
    private void Finish(int step)
    {
        var reset = raw.sqlite3_reset(_statement);
        if (step is not raw.SQLITE_DONE and not raw.SQLITE_ROW)
        {
            Check(step, _database);
            Check(reset, _database);
        }
    }
}
