// Last run (2026-12-07, fourth session, 2-core VM, .NET 10, PostgreSQL 15 on the same VM with shared_buffers=1GB,
// max_wal_size=8GB, fsync=off; the rows made from the merge's symbols), two runs, median and range of six iterations:
// | Method | Engine   | Median  | range           | records/s |
// | Ingest | Sqlite   | 13.3 s  | 11.6 – 16.5 s   |  75,300   |  (the same hour, 46dda86: 13.57 s)
// Fifth session (SQLite's statements called directly), three runs in turn with two of bd76662, nine iterations:
// | Ingest | Sqlite   | 12.15 s |  9.96 – 15.59 s |  82,300   |  (the same hour, bd76662: 13.32 s, 11.17 – 15.98 s)
// | Ingest | Postgres | 25.5 s  | 23.0 – 27.6 s   |  39,200   |  (the same hour, 46dda86: 27.67 s)
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
