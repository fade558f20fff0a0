namespace Provenance.Capture.Store.Tests;

/// <summary>The store contract on SQLite: a file per store.</summary>
public sealed class SqliteStoreTests(StoreNight night) : StoreContract(night), IClassFixture<StoreNight>
{
    protected override string StoreFor(string name) => Path.Combine(Folder, name);
}
