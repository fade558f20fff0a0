using BenchmarkDotNet.Running;
using Benchmarks;

// `dotnet run -c Release -- generate-log PATH [RECORDS]` writes the synthetic log used for peak-memory runs of provcap.
if (args is ["generate-log", var path, ..])
{
    SyntheticNightLog.Write(path, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : MergeThroughputBenchmarks.Records);
    return;
}

// `dotnet run -c Release -- generate-current-log PATH [RECORDS]` writes a log shaped like today's capture (see CurrentCaptureLog).
if (args is ["generate-current-log", var currentPath, ..])
{
    CurrentCaptureLog.Write(currentPath, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : MergeThroughputBenchmarks.Records);
    return;
}

// `dotnet run -c Release -- generate-lst-log PATH [RUNS]` writes a log shaped like lstosa's (see SyntheticLstLog) and prints its record count.
if (args is ["generate-lst-log", var lstPath, ..])
{
    Console.WriteLine(SyntheticLstLog.Write(lstPath, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : SyntheticLstLog.Runs));
    return;
}

// `dotnet run -c Release -- time-validate` validates the 20 MB document of ValidationBenchmarks a few times (a quick look).
if (args is ["time-validate"])
{
    var validation = new ValidationBenchmarks { Acceptor = true };
    validation.Setup();
    TimeEach(int.Parse(Environment.GetEnvironmentVariable("PROVCAP_TIMES") ?? "6", System.Globalization.CultureInfo.InvariantCulture), ("validate", validation.Validate));
    return;
}

// `dotnet run -c Release -- time-merge FirstFormat|Current|Lstosa Subrun|Run THREADS` merges one benchmark log a few times,
// with and without writing, without BenchmarkDotNet (a quick look).
if (args is ["time-merge", var shape, var granularity, var threads])
{
    var merge = new MergeThroughputBenchmarks
    {
        Log = Enum.Parse<MergeThroughputBenchmarks.LogShape>(shape),
        Granularity = Enum.Parse<Provenance.Capture.Prov.Merge.Granularity>(granularity),
        Threads = int.Parse(threads, System.Globalization.CultureInfo.InvariantCulture),
    };
    merge.Setup();
    TimeEach(4, ("merge", () => (int)merge.Merge()), ("merge and write", merge.MergeAndWrite));
    merge.Cleanup();
    return;
}

// `dotnet run -c Release -- loop-capture MODE [CALLS]` makes woven calls in a loop, for a profiler (dotnet-trace) to watch.
if (args is ["loop-capture", var mode, ..])
{
    var bench = new CaptureOverheadBenchmarks { Capture = Enum.Parse<CaptureOverheadBenchmarks.Mode>(mode) };
    bench.Setup();
    var calls = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;

    // Ten batches: the mean of all, and the best batch (the least disturbed by the rest of the machine).
    var batch = Math.Max(1, calls / 10);
    var best = double.MaxValue;
    var clock = System.Diagnostics.Stopwatch.StartNew();
    for (var done = 0; done < calls; done += batch)
    {
        var start = clock.Elapsed;
        for (var i = 0; i < batch; i++)
        {
            bench.WovenCall();
        }

        best = Math.Min(best, (clock.Elapsed - start).TotalMilliseconds * 1000 / batch);
    }

    Console.WriteLine($"{mode}: {clock.Elapsed.TotalMilliseconds * 1000 / calls:F2} us per call, best batch {best:F2} us");
    bench.Cleanup();
    return;
}

// `dotnet run -c Release -- build-store Sqlite|Postgres NIGHTS` builds (or checks) the store the lineage benchmarks walk, printing each night's ingest rate.
if (args is ["build-store", var engine, var nights])
{
    StoreBench.Nights(Enum.Parse<StoreEngineKind>(engine), int.Parse(nights, System.Globalization.CultureInfo.InvariantCulture), Console.Out);
    return;
}

// `dotnet run -c Release -- time-walks Sqlite|Postgres NIGHTS` times each lineage walk of the store benchmark a few times, without BenchmarkDotNet (a quick look).
if (args is ["time-walks", var walkEngine, var walkNights])
{
    var walks = new StoreLineageBenchmarks { Engine = Enum.Parse<StoreEngineKind>(walkEngine), Nights = int.Parse(walkNights, System.Globalization.CultureInfo.InvariantCulture) };
    walks.Setup();
    TimeEach(4, ("back from DL2", walks.BackFromDl2), ("forth from R0", walks.ForthFromR0), ("forth from calibration", walks.ForthFromCalibration), ("forth from calibration, streamed", walks.StreamForthFromCalibration));

    walks.Cleanup();
    return;
}

// `dotnet run -c Release -- time-pages Sqlite|Postgres` requests each page of the web benchmark a few times, without BenchmarkDotNet (a quick look).
if (args is ["time-pages", var pageEngine])
{
    var pages = new WebPageBenchmarks { Engine = Enum.Parse<StoreEngineKind>(pageEngine) };
    pages.Setup();
    TimeEach(5, ("index", pages.Index), ("runs after an ingest", pages.RunsAfterAnIngest), ("run page", pages.RunPageWithGraph), ("DL2 page", pages.Dl2EntityPage), ("calibration page", pages.CalibrationEntityPage), ("graph back from DL2", pages.GraphBackFromDl2AllTheWay), ("ProvSAP back from DL2", pages.ProvSapBackFromDl2Json), ("API lineage", pages.ApiLineageBackFromDl2));

    pages.Cleanup();
    return;
}

// `dotnet run -c Release -- time-rows` merges the benchmark night once, then makes the store's rows from it a few times
// into a pipe nobody writes to a database (the ingest's row maker alone: a quick look).
if (args is ["time-rows"])
{
    var graph = Provenance.Capture.Prov.Merge.ProvenanceMerger.Merge([SyntheticNightLog.InTemp(0)], new() { Granularity = Provenance.Capture.Prov.Merge.Granularity.Subrun }).Graph;
    TimeEach(int.Parse(Environment.GetEnvironmentVariable("PROVCAP_TIMES") ?? "6", System.Globalization.CultureInfo.InvariantCulture), ("make rows", () => Provenance.Capture.Store.GraphWriter.MakeRowsAlone(graph)));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CaptureOverheadBenchmarks).Assembly).Run(args);

// Runs each step a few times and prints its times in milliseconds: a quick look, not a measurement.
static void TimeEach(int times, params (string Name, Func<int> Step)[] steps)
{
    foreach (var (name, step) in steps)
    {
        var elapsed = Enumerable.Range(0, times).Select(_ =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            step();
            return clock.Elapsed.TotalMilliseconds;
        }).ToList();
        Console.WriteLine($"{name}: {string.Join(", ", elapsed.Select(t => t.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))} ms");
    }
}
