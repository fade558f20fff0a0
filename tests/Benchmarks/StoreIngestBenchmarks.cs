// Last run (2026-12-07, third session, 2-core VM, .NET 10, PostgreSQL 15 on the same VM with shared_buffers=1GB,
// max_wal_size=8GB, fsync=off; PostgreSQL's indexes made after the rows of a file larger than the store, relations
// staged by node key):
// | Method | Engine   | Mean    | range           | records/s |
// | Ingest | Sqlite   | 14.84 s | 13.8 – 16.2 s   |  67,400   |  (the same hour, 6b04aa5: 14.63 s; that morning 13.69 s)
// | Ingest | Postgres | 25.99 s | 23.7 – 30.2 s   |  38,500   |  (the same hour, 6b04aa5: 38.51 s; that morning 38.90 s)
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Provenance.Capture.Store;

namespace Benchmarks;

/// <summary>
/// Ingest of the 1,000,000-record benchmark log (the merge benchmarks' night) into an empty store, on
/// each engine: read, merged at subrun level, written (2,571,430 elements and relations). One ingest
/// per iteration, three iterations; records/s = 1,000,000 / Mean.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class StoreIngestBenchmarks
{
    private string _log = null!;
    private string _store = null!;

    [Params(StoreEngineKind.Sqlite, StoreEngineKind.Postgres)]
    public StoreEngineKind Engine { get; set; }

    [GlobalSetup]
    public void Setup() => _log = SyntheticNightLog.InTemp(0);

    [IterationSetup]
    public void EmptyStore() => _store = StoreBench.Empty(Engine, "ingest");

    [Benchmark]
    public long Ingest()
    {
        using var store = ProvenanceStore.Open(_store);
        return store.Ingest([_log]).Single().Written;
    }
}
