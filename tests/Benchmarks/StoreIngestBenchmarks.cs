// Last run (2026-12-06, 2-core VM, .NET 10, PostgreSQL 15 on the same VM; rows made on a second thread):
// | Method | Engine   | Mean    | range           | records/s |
// | Ingest | Sqlite   | 14.45 s | 13.4 – 16.3 s   |  69,200   |  (before, bcdf72a: 16.26 s; 2026-12-02: 26.91 s)
// | Ingest | Postgres | 40.88 s | 40.2 – 41.8 s   |  24,500   |  (before, bcdf72a: 44.09 s; 2026-12-02: 52.53 s)
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
