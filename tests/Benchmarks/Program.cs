using BenchmarkDotNet.Running;
using Benchmarks;

// `dotnet run -c Release -- generate-log PATH [RECORDS]` writes the synthetic log used for peak-memory runs of provcap.
if (args is ["generate-log", var path, ..])
{
    SyntheticNightLog.Write(path, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : MergeThroughputBenchmarks.Records);
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

BenchmarkSwitcher.FromAssembly(typeof(CaptureOverheadBenchmarks).Assembly).Run(args);
