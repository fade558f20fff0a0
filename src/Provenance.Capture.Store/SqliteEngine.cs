using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Provenance.Capture.Store;

/// <summary>
/// The embedded store: one SQLite file, no server. Write-ahead logging lets readers run during an ingest;
/// concurrent ingests wait for each other's write lock (up to a minute) instead of failing.
/// </summary>
internal sealed class SqliteEngine(string path) : StoreEngine
{
    private readonly string _path = Path.GetFullPath(path);

    public override string Name => "sqlite";

    public override string Describe() => _path;

    public override DbConnection Open()
    {
        var folder = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = _path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 60, Pooling = false };
        var connection = new SqliteConnection(builder.ConnectionString);
        connection.Open();
        using var setup = connection.CreateCommand();
        // A page cache of up to 1 GiB (taken only as pages are read): a night's ingest writes its indexes in
        // place instead of spilling and rewriting pages (26.6 s for the benchmark night, 29.7 s with 256 MiB).
        // Pages of 16 KiB for a new store (an existing one keeps its own): fewer pages to split and log, the
        // benchmark night into an empty store 25.2-28.2 s against 27.1-31.3 s with 4 KiB, 4 % smaller.
        setup.CommandText = "PRAGMA page_size = 16384; PRAGMA busy_timeout = 60000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA case_sensitive_like = ON; PRAGMA cache_size = -1048576;";
        setup.ExecuteNonQuery();
        return connection;
    }

    public override long SizeInBytes(DbConnection connection)
    {
        long Size(string file) => File.Exists(file) ? new FileInfo(file).Length : 0;
        return Size(_path) + Size(_path + "-wal");
    }

    // BEGIN IMMEDIATE: the write lock is taken at the start, so two ingests never both read and then
    // fail to upgrade (SQLITE_BUSY without waiting).
    public override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    // A big ingest leaves a write-ahead log as large as what it wrote, kept at that size until the next
    // write: copied into the store now and cut to nothing, unless a reader holds it (then at the next ingest).
    public override void Settle(DbConnection connection)
    {
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        checkpoint.ExecuteNonQuery();
    }

    // sql is null for the indexes SQLite makes for a key or a UNIQUE column.
    protected override string SecondaryIndexesSql =>
        $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ({StoreTables.Bulk}) ORDER BY rowid";

    public override TableWriter Writer(IngestScope scope, StoreTable table) => new SqliteTableWriter(scope, table);
}
