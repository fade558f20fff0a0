using System.Collections.Concurrent;
using Provenance.Capture.Store;

namespace Provenance.Capture.Web;

/// <summary>
/// Open stores shared by the requests: a <see cref="ProvenanceStore"/> holds one connection and serves one
/// thread, so each request rents one and gives it back. Also keeps the run list, read again only when a
/// document was ingested since (the list groups every activity of the store).
/// </summary>
internal sealed class StorePool(ProvenanceWebOptions options) : IDisposable
{
    private readonly ConcurrentBag<ProvenanceStore> _idle = [];
    private readonly ConcurrentDictionary<string, (long Revision, IReadOnlyList<RunSummary> Runs)> _runs = new(StringComparer.Ordinal);

    /// <summary>Where the store is, for pages (the password of a connection string masked).</summary>
    public string Location { get; private set; } = string.Empty;

    /// <summary>Opens one store now: a store that cannot be opened fails the start, not the first request.</summary>
    public void Check()
    {
        using var lease = Rent();
        Location = lease.Store.Location;
    }

    public Lease Rent() => new(this, _idle.TryTake(out var store) ? store : ProvenanceStore.Open(options.Store));

    /// <summary>The runs the projects may see, newest night first.</summary>
    public IReadOnlyList<RunSummary> Runs(ProvenanceStore store, IReadOnlyCollection<string>? projects)
    {
        var key = projects is null ? "*" : string.Join('\n', projects.Order(StringComparer.Ordinal));
        var revision = store.Revision();
        if (_runs.TryGetValue(key, out var cached) && cached.Revision == revision)
        {
            return cached.Runs;
        }

        var runs = store.Runs(projects);
        _runs[key] = (revision, runs);
        return runs;
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var store))
        {
            store.Dispose();
        }
    }

    /// <summary>A store rented for one request.</summary>
    public readonly struct Lease(StorePool pool, ProvenanceStore store) : IDisposable
    {
        public ProvenanceStore Store => store;

        public void Dispose() => pool._idle.Add(store);
    }
}
