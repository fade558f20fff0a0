using BenchmarkDotNet.Running;
using Benchmarks;

// `dotnet run -c Release -- generate-log PATH [RECORDS]` writes the synthetic log used for peak-memory runs of provcap.
if (args is ["generate-log", var path, ..])
{
    SyntheticNightLog.Write(path, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : MergeThroughputBenchmarks.Records);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CaptureOverheadBenchmarks).Assembly).Run(args);
