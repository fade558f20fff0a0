using System.Data.Common;
using System.Globalization;
using System.Reflection;

namespace Provenance.Capture.Store;

/// <summary>
/// Brings a store's schema to the version this library knows, applying the numbered scripts of its engine
/// (<c>Schema/&lt;engine&gt;-NNN-&lt;what&gt;.sql</c>, embedded) that the store has not had yet, each in the
/// write transaction that records it. A few lines instead of a migration package: the scripts are a
/// handful per engine, the runner is the same for both, and an analyst's tool carries no further dependency.
/// </summary>
internal static class SchemaMigrator
{
    /// <summary>The newest schema version this library writes and reads.</summary>
    public static int CurrentVersion(StoreEngine engine) => Scripts(engine).Max(s => s.Version);

    public static void Migrate(StoreEngine engine, DbConnection connection)
    {
        var scripts = Scripts(engine);
        using var transaction = engine.BeginWrite(connection);
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        var version = Version(connection, transaction);
        var newest = scripts.Max(s => s.Version);
        if (version > newest)
        {
            throw new StoreException($"the store {engine.Describe()} has schema version {version}; this version of provcap knows up to {newest}: use a newer provcap");
        }

        foreach (var (number, name) in scripts.Where(s => s.Version > version).OrderBy(s => s.Version))
        {
            using var stream = typeof(SchemaMigrator).Assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            Execute(connection, transaction, reader.ReadToEnd());
            Execute(connection, transaction, version == 0 && number == scripts.Min(s => s.Version)
                ? $"INSERT INTO schema_version (version) VALUES ({number})"
                : $"UPDATE schema_version SET version = {number}");
            version = number;
        }

        transaction.Commit();
    }

    private static int Version(DbConnection connection, DbTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT MAX(version) FROM schema_version";
        return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : 0;
    }

    private static List<(int Version, string Resource)> Scripts(StoreEngine engine)
    {
        var prefix = engine.Name + "-";
        return [.. Assembly.GetExecutingAssembly().GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (int.Parse(n.AsSpan(prefix.Length, 3), CultureInfo.InvariantCulture), n))];
    }

    private static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
