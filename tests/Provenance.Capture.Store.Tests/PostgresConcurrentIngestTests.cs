namespace Provenance.Capture.Store.Tests;

/// <summary>Concurrent ingests into one PostgreSQL database.</summary>
public sealed class PostgresConcurrentIngestTests : ConcurrentIngestContract, IClassFixture<StoreNight>, IClassFixture<PostgresServer>
{
    private readonly PostgresServer _server;

    public PostgresConcurrentIngestTests(StoreNight night, PostgresServer server)
        : base(night)
    {
        server.SkipOrFailWithoutServer();
        _server = server;
    }

    protected override string StoreFor(string name) => _server.NewDatabase();
}
