using System.Diagnostics;
using Provenance.Capture.Cli;

namespace Provenance.Capture.Store.Tests;

/// <summary>
/// Eight <c>provcap ingest</c> processes writing one store at once, on either engine: no error, no
/// duplicate, nothing lost — the store ends as a one-process ingest of the same files leaves it.
/// </summary>
public abstract class ConcurrentIngestContract(StoreNight night) : IDisposable
{
    private const int Processes = 8;
    private static readonly string Provcap = typeof(ProvcapCommand).Assembly.Location;
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-concurrent-").FullName;

    protected string Folder => _directory;

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected abstract string StoreFor(string name);

    private string JobLog(int job)
    {
        var path = Path.Combine(_directory, $"job{job}.log");
        File.WriteAllText(path, night.LogAsJob(job));
        return path;
    }

    private static async Task<(int Code, string Output, string Error)[]> IngestAtOnce(string store, IReadOnlyList<string> files)
    {
        var processes = files.Select(file => Process.Start(new ProcessStartInfo("dotnet", [Provcap, "ingest", file, "--store", store])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!).ToList();
        var results = new List<(int, string, string)>();
        foreach (var process in processes)
        {
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            results.Add((process.ExitCode, await output, await error));
            process.Dispose();
        }

        return [.. results];
    }

    [Fact]
    public async Task Eight_processes_ingesting_eight_jobs_at_once_leave_what_one_process_leaves()
    {
        var logs = Enumerable.Range(0, Processes).Select(JobLog).ToList();
        var concurrent = StoreFor("concurrent");

        var results = await IngestAtOnce(concurrent, logs);

        results.ShouldAllBe(r => r.Code == ProvcapCommand.Ok && r.Error.Length == 0);
        using var sequential = ProvenanceStore.Open(StoreFor("sequential"));
        sequential.Ingest(logs);
        using var store = ProvenanceStore.Open(concurrent);
        var (got, expected) = (store.Stats(), sequential.Stats());
        (got.Documents, got.Activities, got.Entities, got.Agents, got.Relations)
            .ShouldBe((expected.Documents, expected.Activities, expected.Entities, expected.Agents, expected.Relations));
        got.Documents.ShouldBe(Processes);
        store.Find(new FindQuery { Activity = "r0_to_dl1", Limit = 1000 }).Total.ShouldBe(Processes * 6L, "each job's six subruns");
    }

    [Fact]
    public async Task Eight_processes_ingesting_the_same_file_at_once_add_it_once()
    {
        var store = StoreFor("same");

        var results = await IngestAtOnce(store, Enumerable.Repeat(night.LogPath, Processes).ToList());

        results.ShouldAllBe(r => r.Code == ProvcapCommand.Ok && r.Error.Length == 0);
        results.Count(r => r.Output.Contains("1 of 1 file(s) added", StringComparison.Ordinal)).ShouldBe(1);
        results.Count(r => r.Output.Contains("already in the store", StringComparison.Ordinal)).ShouldBe(Processes - 1);
        using var opened = ProvenanceStore.Open(store);
        opened.Stats().Documents.ShouldBe(1);
    }
}
