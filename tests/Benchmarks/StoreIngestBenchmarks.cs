// Last run (2026-12-07, 2-core VM about 1.5x slower than the day before, .NET 10, PostgreSQL 15 on the same VM;
// attributes held by columns not repeated in the JSON, PostgreSQL's rows upserted in node-key order):
// | Method | Engine   | Mean    | range           | records/s |
// | Ingest | Sqlite   | 13.69 s | 12.7 – 15.6 s   |  73,000   |  (the same hour, b98f45a: 16.21 s; 2026-12-06: 14.45 s)
// | Ingest | Postgres | 38.90 s | 37.3 – 41.5 s   |  25,700   |  (the same hour, b98f45a: 49.82 s; 2026-12-06: 40.88 s)
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
