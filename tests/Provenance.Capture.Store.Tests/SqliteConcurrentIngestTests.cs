namespace Provenance.Capture.Store.Tests;

/// <summary>Concurrent ingests into one SQLite file.</summary>
public sealed class SqliteConcurrentIngestTests(StoreNight night) : ConcurrentIngestContract(night), IClassFixture<StoreNight>
{
    protected override string StoreFor(string name) => Path.Combine(Folder, name + ".db");
}
