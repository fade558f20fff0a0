namespace Provenance.Capture.Store.Tests;

/// <summary>The store contract on SQLite: a file per store.</summary>
public sealed class SqliteStoreTests(StoreNight night) : StoreContract(night), IClassFixture<StoreNight>
{
    private readonly StoreNight _night = night;

    [Fact]
    public void An_ingest_leaves_no_write_ahead_log_behind()
    {
        // Found by the store benchmark: a night's ingest left a write-ahead log as large as the store.
        var path = StoreFor("settled.db");
        using (var store = ProvenanceStore.Open(path))
        {
            store.Ingest([_night.LogPath]).Single().Outcome.ShouldBe(IngestOutcome.Added);
            var wal = new FileInfo(path + "-wal");
            (wal.Exists ? wal.Length : 0).ShouldBe(0);
            store.Stats().SizeInBytes.ShouldBe(new FileInfo(path).Length);
        }
    }

    protected override string StoreFor(string name) => Path.Combine(Folder, name);
}
