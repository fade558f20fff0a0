using System.Data.Common;
using Npgsql;

namespace Provenance.Capture.Store;

/// <summary>
/// The shared store: a PostgreSQL database named by a connection string. Ingests take a transaction-level
/// advisory lock, so that concurrent ingests (of files sharing entities) follow each other as on SQLite
/// instead of deadlocking on each other's rows. Readers never wait, but for an ingest larger than the whole store (see
/// <see cref="StoreEngine.DeferredIndexes"/>): then they wait for its commit.
/// </summary>
internal sealed class PostgresEngine(string connectionString) : StoreEngine
{
    // pg_advisory_xact_lock's key for "an ingest is writing": any fixed number of this product's own.
    private const long WriteLock = 0x70726F76636170; // "provcap"

    public override string Name => "postgresql";

    public override string Describe() => $"'{StoreText.MaskPassword(connectionString)}'";

    public override DbConnection Open()
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();

        // No JIT: the planner's cost of a lineage query on a store of ten nights passes jit_above_cost, and
        // compiling it took 20 to 300 ms of a walk whose rows took 1 ms (the store benchmark's forth from an R0 file).
        using var setup = new NpgsqlCommand("SET jit = off", connection);
        setup.ExecuteNonQuery();
        return connection;
    }

    public override long SizeInBytes(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_database_size(current_database())";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public override DbTransaction BeginWrite(DbConnection connection)
    {
        var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({WriteLock})";
        command.ExecuteNonQuery();
        return transaction;
    }

    // Readers of the tables wait for the ingest's commit (a dropped index locks its table), only for the store's first
    // nights. The benchmark night into an empty store, alternating: 34.7-39.1 s against 41.8-48.1 s (with the rows
    // staged by node key, PostgresTableWriter), the store 734 -> 709 MiB. Each index sorted in 256 MB of memory (PostgreSQL's default: 64 MB).
    protected override string SecondaryIndexesSql =>
        $"SET LOCAL maintenance_work_mem = '256MB'; SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ({StoreTables.Bulk}) AND indexdef NOT LIKE 'CREATE UNIQUE%' ORDER BY indexname";

    public override TableWriter Writer(IngestScope scope, StoreTable table) => new PostgresTableWriter(scope, table);
}
