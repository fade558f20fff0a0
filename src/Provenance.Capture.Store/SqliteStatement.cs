using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Provenance.Capture.Store;

/// <summary>
/// One prepared SQLite statement driven through SQLite's own interface, its values bound by position:
/// ADO.NET's parameters look every name up again on every execution, which cost about a quarter of an ingest.
/// Values are bound by calling the SQLite library that Microsoft.Data.Sqlite loaded directly, with the
/// statement's raw handle: each of SQLitePCL's calls took and released the handle's reference, went through
/// its provider and copied each text twice (to UTF-8, then into SQLite), a fifth of the writer's time. A text is
/// written as UTF-8 into a buffer of its position, which SQLite reads in place until the statement runs. When
/// Microsoft.Data.Sqlite was given another SQLite library than its own bundle's (<c>SQLitePCL.raw.SetProvider</c>),
/// every call goes through SQLitePCL instead.
/// </summary>
internal sealed unsafe partial class SqliteStatement : IDisposable
{
    private const string Library = "e_sqlite3";
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly nint _db;
    private readonly nint _handle;
    private readonly TextBuffer[] _texts;

    // Whether SQLitePCL uses the bundle's library: a statement's handle belongs to the library that made it.
    private static readonly Lazy<bool> SameLibrary = new(() => raw.GetNativeLibraryName() == Library);
    private readonly bool _direct;

    private SqliteStatement(sqlite3 database, sqlite3_stmt statement)
    {
        (_database, _statement) = (database, statement);
        _db = database.DangerousGetHandle();
        _handle = statement.DangerousGetHandle();
        _texts = new TextBuffer[raw.sqlite3_bind_parameter_count(statement) + 1];
        _direct = Direct ?? SameLibrary.Value;
    }

    /// <summary>Whether the statements prepared from now on call SQLite directly (true) or through SQLitePCL (false); null: directly when SQLitePCL uses the bundle's library. For the tests of both ways.</summary>
    internal static bool? Direct { get; set; }

    /// <summary>Prepares a statement whose values are written <c>?1</c>, <c>?2</c>…</summary>
    public static SqliteStatement Prepare(sqlite3 database, string sql)
    {
        Check(raw.sqlite3_prepare_v2(database, sql, out var statement), database);
        return new SqliteStatement(database, statement);
    }

    /// <summary>Binds a text (position from 1); SQLite reads it from this statement's buffer until the next run.</summary>
    public void Text(int position, string value)
    {
        if (!_direct)
        {
            Check(raw.sqlite3_bind_text(_statement, position, value), _database);
            return;
        }

        ref var buffer = ref _texts[position];
        var length = buffer.Write(value);
        Check(BindText(_handle, position, buffer.Bytes, length, 0), _database);
    }

    /// <summary>Binds a number.</summary>
    public void Number(int position, long value) => Check(_direct ? BindInt64(_handle, position, value) : raw.sqlite3_bind_int64(_statement, position, value), _database);

    /// <summary>Binds null.</summary>
    public void Null(int position) => Check(_direct ? BindNull(_handle, position) : raw.sqlite3_bind_null(_statement, position), _database);

    /// <summary>Runs a statement that returns no rows, keeping its bound values for the next run.</summary>
    /// <returns>How many rows it changed.</returns>
    public int Execute()
    {
        Finish(_direct ? Step(_handle) : raw.sqlite3_step(_statement));
        return _direct ? Changes(_db) : raw.sqlite3_changes(_database);
    }

    /// <summary>Runs a query of one number.</summary>
    /// <returns>The first row's first column, or null without a row.</returns>
    public long? Scalar()
    {
        var step = _direct ? Step(_handle) : raw.sqlite3_step(_statement);
        long? value = step != raw.SQLITE_ROW ? null : _direct ? ColumnInt64(_handle, 0) : raw.sqlite3_column_int64(_statement, 0);
        Finish(step);
        return value;
    }

    /// <summary>The row id of the last row the connection inserted.</summary>
    public long LastInsertRowId() => _direct ? LastInsertRowid(_db) : raw.sqlite3_last_insert_rowid(_database);

    /// <inheritdoc/>
    public void Dispose()
    {
        // The statement first: it reads its texts from the buffers until it is finalized.
        _statement.Dispose();
        for (var i = 0; i < _texts.Length; i++)
        {
            _texts[i].Free();
        }
    }

    private static void Check(int code, sqlite3 database)
    {
        if (code is not raw.SQLITE_OK and not raw.SQLITE_DONE and not raw.SQLITE_ROW)
        {
            SqliteException.ThrowExceptionForRC(code, database);
        }
    }

    // The binds and look-ups below return at once (the connection is used by one thread at a time, so the mutex they
    // take is free): no GC transition around them.
    [LibraryImport(Library, EntryPoint = "sqlite3_bind_text")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvSuppressGCTransition)])]
    private static partial int BindText(nint statement, int position, byte* text, int length, nint destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvSuppressGCTransition)])]
    private static partial int BindInt64(nint statement, int position, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_null")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvSuppressGCTransition)])]
    private static partial int BindNull(nint statement, int position);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvSuppressGCTransition)])]
    private static partial long ColumnInt64(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_changes")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvSuppressGCTransition)])]
    private static partial int Changes(nint database);

    [LibraryImport(Library, EntryPoint = "sqlite3_last_insert_rowid")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvSuppressGCTransition)])]
    private static partial long LastInsertRowid(nint database);

    // A step may write pages and wait on a lock: a normal transition, so that the runtime may collect meanwhile.
    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    private static partial int Step(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_reset")]
    private static partial int Reset(nint statement);

    // Makes the statement ready to run again; an error of the step is reported before the reset's.
    private void Finish(int step)
    {
        var reset = _direct ? Reset(_handle) : raw.sqlite3_reset(_statement);
        if (step is not raw.SQLITE_DONE and not raw.SQLITE_ROW)
        {
            Check(step, _database);
            Check(reset, _database);
        }
    }

    // One position's text as UTF-8 in native memory that does not move, grown when a longer text comes.
    private struct TextBuffer
    {
        public byte* Bytes;
        private int _capacity;

        public int Write(string value)
        {
            var most = Encoding.UTF8.GetMaxByteCount(value.Length);
            if (most > _capacity)
            {
                var needed = Math.Max(Encoding.UTF8.GetByteCount(value), 1);
                if (needed > _capacity)
                {
                    // At least twice what it held: texts that keep growing by a little do not make a buffer each.
                    Free();
                    _capacity = Math.Max(needed, Math.Max(64, _capacity * 2));
                    Bytes = (byte*)NativeMemory.Alloc((nuint)_capacity);
                }
            }

            return Encoding.UTF8.GetBytes(value, new Span<byte>(Bytes, _capacity));
        }

        public void Free()
        {
            NativeMemory.Free(Bytes);
            Bytes = null;
            _capacity = 0;
        }
    }
}
