using System.Diagnostics;
using Npgsql;
using Provenance.Capture.Store;

namespace Benchmarks;

/// <summary>The engines the store benchmarks compare.</summary>
public enum StoreEngineKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The stores of the store benchmarks: night logs of <see cref="SyntheticNightLog"/> (1,000,000 records
/// each, in the temp folder) ingested into a SQLite file or a PostgreSQL database of a server named by
/// <c>PROVCAP_BENCH_POSTGRES</c> (<c>tests/postgres.sh start /tmp/bench-pg</c> starts one). A store of
/// N nights is built once and kept: ingest is idempotent, so building it again only checks it.
/// </summary>
public static class StoreBench
{
    public const string PostgresVariable = "PROVCAP_BENCH_POSTGRES";

    /// <summary>Where a store of that engine and name lives; a PostgreSQL database is created when missing.</summary>
    public static string Location(StoreEngineKind engine, string name)
    {
        if (engine == StoreEngineKind.Sqlite)
        {
            return Path.Combine(Path.GetTempPath(), $"provcap-bench-{name}.db");
        }

        var server = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } named
            ? named
            : throw new InvalidOperationException($"{PostgresVariable} names no PostgreSQL server: tests/postgres.sh start /tmp/bench-pg prints a connection string for one");
        var database = "provcap_bench_" + name.Replace('-', '_');
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var exists = new NpgsqlCommand($"SELECT COUNT(*) FROM pg_database WHERE datname = '{database}'", connection);
            if ((long)exists.ExecuteScalar()! == 0)
            {
                using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                create.ExecuteNonQuery();
            }
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    }

    /// <summary>An empty store: the SQLite file or the PostgreSQL database removed and made anew.</summary>
    public static string Empty(StoreEngineKind engine, string name)
    {
        if (engine == StoreEngineKind.Sqlite)
        {
            var file = Location(engine, name);
            foreach (var part in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(part);
            }

            return file;
        }

        var location = Location(engine, name);
        using var connection = new NpgsqlConnection(location);
        connection.Open();
        using var drop = new NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public", connection);
        drop.ExecuteNonQuery();
        return location;
    }

    /// <summary>The store of that many nights, built first if it does not hold them all (opening it does not read the logs again).</summary>
    public static string BuiltNights(StoreEngineKind engine, int nights, TextWriter? progress = null)
    {
        var location = Location(engine, $"{nights}-nights");
        using (var store = ProvenanceStore.Open(location))
        {
            if (store.Stats().Documents == nights)
            {
                return location;
            }
        }

        return Nights(engine, nights, progress);
    }

    /// <summary>A store holding nights 0 to <paramref name="nights"/> − 1, built night by night (printing each ingest's rate) where missing.</summary>
    public static string Nights(StoreEngineKind engine, int nights, TextWriter? progress = null)
    {
        var location = Location(engine, $"{nights}-nights");
        using var store = ProvenanceStore.Open(location);
        for (var night = 0; night < nights; night++)
        {
            var log = SyntheticNightLog.InTemp(night);
            var clock = Stopwatch.StartNew();
            var result = store.Ingest([log]).Single();
            if (result.Outcome == IngestOutcome.Added)
            {
                progress?.WriteLine($"{engine} night {night}: {result.Written:N0} rows from {MergeThroughputBenchmarks.Records:N0} records in {clock.Elapsed.TotalSeconds:F1} s ({MergeThroughputBenchmarks.Records / clock.Elapsed.TotalSeconds:N0} records/s)");
            }
        }

        var stats = store.Stats();
        progress?.WriteLine($"{engine} {nights} night(s): {stats.SizeInBytes / (1024.0 * 1024):N0} MiB, {(double)stats.SizeInBytes / (nights * (long)MergeThroughputBenchmarks.Records):N0} bytes per log record, {(double)stats.SizeInBytes / (stats.Activities + stats.Entities + stats.Agents + stats.Relations):N0} bytes per stored element or relation");
        return location;
    }
}
