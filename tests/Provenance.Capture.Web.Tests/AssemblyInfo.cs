// The sample night starts the process-wide capture, and the browser tests share one Chromium: one at a time.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
[assembly: AssemblyFixture(typeof(Provenance.Capture.Web.Tests.WebSite))]
