using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Benchmarks.CaptureOverheadBenchmarks).Assembly).Run(args);
