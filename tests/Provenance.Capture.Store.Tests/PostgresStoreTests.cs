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

    protected override string StoreFor(string name) => _server.NewDatabase();
}
