using Npgsql;

namespace Provenance.Capture.Store.Tests;

/// <summary>
/// The real PostgreSQL server the tests use: <c>PROVCAP_TEST_POSTGRES</c> names it (a connection string;
/// <c>.ci/run</c> starts a private cluster with <c>tests/postgres.sh</c> and sets it). Each store is a
/// database of its own, dropped at the end.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string Variable = "PROVCAP_TEST_POSTGRES";

    private readonly List<string> _databases = [];

    public string? ConnectionString { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } named ? named : null;

    /// <summary>Skips the test with the reason outside CI; under CI=true a missing server is a failure.</summary>
    public void SkipOrFailWithoutServer()
    {
        if (ConnectionString is not null)
        {
            return;
        }

        var reason = $"{Variable} names no PostgreSQL server (tests/postgres.sh start prints a connection string for one)";
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail($"{reason}: under CI=true the PostgreSQL tests must run; .ci/run starts the server");
        }

        Assert.Skip(reason);
    }

    /// <summary>A new, empty database; its connection string.</summary>
    public string NewDatabase()
    {
        var name = "provcap_test_" + Guid.NewGuid().ToString("N")[..12];
        Execute($"CREATE DATABASE {name}");
        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name, Pooling = false }.ConnectionString;
    }

    public void Dispose()
    {
        foreach (var name in _databases)
        {
            Execute($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
