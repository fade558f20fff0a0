// Capture is process-wide (woven code finds it through a static), so capture tests run one at a time;
// concurrency is tested inside single tests with many threads.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
