using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Microsoft.AspNetCore.Builder;
using Provenance.Capture.Web;

namespace Benchmarks;

/// <summary>
/// The web view's pages on the 10-night store (1,000,000 log records a night) of each engine: a real
/// Kestrel server on loopback and an HTTP client, one request per iteration so that the percentiles are
/// those of single requests (server time plus a loopback round trip). The run page folds one run of 1,000
/// subruns and draws it with Graphviz; the calibration file's page reads one step forth of 10,000 uses.
/// </summary>
[Config(typeof(PageConfig))]
public class WebPageBenchmarks
{
    private WebApplication _app = null!;
    private Provenance.Capture.Store.ProvenanceStore _store = null!;
    private HttpClient _client = null!;
    private string _run = null!;
    private string _dl2 = null!;
    private string _calibration = null!;

    [Params(StoreEngineKind.Sqlite, StoreEngineKind.Postgres)]
    public StoreEngineKind Engine { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var location = StoreBench.BuiltNights(Engine, 10, Console.Out);
        _store = Provenance.Capture.Store.ProvenanceStore.Open(location);
        _app = ProvenanceWeb.Build(new ProvenanceWebOptions { Store = location }, "http://127.0.0.1:0");
        _app.StartAsync().GetAwaiter().GetResult();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
        var run = SyntheticNightLog.FirstRun(0) + 58;
        _run = run.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
        _dl2 = Uri.EscapeDataString(SyntheticNightLog.FileOf("DL2", 0, run, 406));
        _calibration = Uri.EscapeDataString(SyntheticNightLog.FileOf("Calibration", 0, 0, 0));
        Get("/");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _store.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The runs of every night: read once per ingest, then from memory.</summary>
    [Benchmark]
    public int Index() => Get("/");

    /// <summary>What the index reads after an ingest: every run of every night, grouped over all activities.</summary>
    [Benchmark]
    public int RunsAfterAnIngest() => _store.Runs().Count;

    [Benchmark]
    public int RunPageWithGraph() => Get($"/run?run={_run}");

    [Benchmark]
    public int Dl2EntityPage() => Get($"/entity?id={_dl2}");

    [Benchmark]
    public int CalibrationEntityPage() => Get($"/entity?id={_calibration}");

    [Benchmark]
    public int GraphBackFromDl2AllTheWay() => Get($"/graph?ID={_dl2}&DEPTH=ALL");

    [Benchmark]
    public int ProvSapBackFromDl2Json() => Get($"/provsap?ID={_dl2}&DEPTH=ALL");

    [Benchmark]
    public int ApiLineageBackFromDl2() => Get($"/api/v1/lineage?id={_dl2}&depth=all");

    private int Get(string path)
    {
        using var response = _client.GetAsync(path).GetAwaiter().GetResult();
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        return response.IsSuccessStatusCode ? body.Length : throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
    }

    private sealed class PageConfig : ManualConfig
    {
        public PageConfig()
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithWarmupCount(3).WithIterationCount(30).WithInvocationCount(1).WithUnrollFactor(1));
            AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median, BenchmarkDotNet.Columns.StatisticColumn.P95);
        }
    }
}
