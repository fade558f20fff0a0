namespace Provenance.Capture.Store.Tests;

/// <summary>The store contract on PostgreSQL: a database per store on the server of <see cref="PostgresServer"/>.</summary>
public sealed class PostgresStoreTests : StoreContract, IClassFixture<StoreNight>, IClassFixture<PostgresServer>
{
    private readonly PostgresServer _server;

    public PostgresStoreTests(StoreNight night, PostgresServer server)
        : base(night)
    {
        server.SkipOrFailWithoutServer();
        _server = server;
    }

    [Fact]
    public void The_store_connection_plans_without_jit()
    {
        // Found by the lineage benchmark: on a store of ten nights JIT compilation took 20-300 ms of a 1 ms walk.
        using var connection = new PostgresEngine(_server.NewDatabase()).Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SHOW jit";
        command.ExecuteScalar().ShouldBe("off");
    }

    protected override string StoreFor(string name) => _server.NewDatabase();

    private protected override string IndexesSql => "SELECT indexname, tablename, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname";

    private protected override StoreEngine EngineOf(string location) => new PostgresEngine(location);
}
