using System.Diagnostics;
using System.Text.Json;
using Provenance.Capture.Prov.Merge;
using Provenance.Capture.Records;

namespace Provenance.Capture.Reliability.Tests;

/// <summary>
/// Capture under the faults of real nights, counted: jobs killed with SIGKILL, many processes on one log.
/// Real processes (tests/CaptureDriver), a real shared log, read back line by line with an independent
/// JSON reader; the counts are printed in the test output.
/// </summary>
public sealed class ReliabilityTests : IDisposable
{
    // tests/CaptureDriver/bin/<configuration>/<framework>/, beside this project's own output folder.
    private static readonly string Driver = Path.Combine(
        AppContext.BaseDirectory.Replace($"{Path.DirectorySeparatorChar}Provenance.Capture.Reliability.Tests{Path.DirectorySeparatorChar}", $"{Path.DirectorySeparatorChar}CaptureDriver{Path.DirectorySeparatorChar}", StringComparison.Ordinal),
        "CaptureDriver.dll");
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-reliability-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static void Print(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    private static ProcessStartInfo DriverStart(string log, string tag, int threads, int calls, int bigEvery, int bigLength)
        => new("dotnet", [Driver, log, tag, $"{threads}", $"{calls}", $"{bigEvery}", $"{bigLength}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

    [Fact]
    public void The_driver_is_built()
        => File.Exists(Driver).ShouldBeTrue($"{Driver} is missing: build tests/CaptureDriver (the solution builds it)");

    [Fact]
    public async Task Ninety_jobs_killed_mid_run_lose_no_record_of_a_finished_call_and_the_unfinished_are_reported_incomplete_exactly()
    {
        const int Trials = 90;
        var log = Path.Combine(_directory, "killed.log");
        var random = new Random(20201120);
        var begun = new HashSet<string>(StringComparer.Ordinal);
        var finished = new HashSet<string>(StringComparer.Ordinal);
        for (var trial = 0; trial < Trials; trial++)
        {
            // Two threads, every 20th record about 20 KB (several pages): killed after a random while,
            // all appending to the one log as restarted jobs do.
            using var process = Process.Start(DriverStart(log, $"k{trial}", threads: 2, calls: 0, bigEvery: 20, bigLength: 20_000))!;
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            var lines = new List<string>();
            var firstCall = new TaskCompletionSource();
            var reading = Task.Run(
                async () =>
                {
                    while (await process.StandardOutput.ReadLineAsync(Cancel) is { } line)
                    {
                        lines.Add(line);
                        firstCall.TrySetResult();
                    }
                },
                Cancel);
            await firstCall.Task.WaitAsync(TimeSpan.FromSeconds(60), Cancel);
            await Task.Delay(random.Next(0, 120), Cancel);
            process.Kill();
            await process.WaitForExitAsync(Cancel);
            await reading;
            foreach (var line in lines.Where(l => l.EndsWith(" .", StringComparison.Ordinal)))
            {
                var label = line[(line.IndexOf(' ') + 1)..^2];
                (line.StartsWith("end ", StringComparison.Ordinal) ? finished : begun).Add(label);
            }
        }

        var read = ReadLog(log);
        var lost = finished.Count(label => !read.Ended(label));
        var incomplete = read.StartedLabels.Where(label => !read.Ended(label)).ToList();
        var merged = ProvenanceMerger.Merge([log], new MergeOptions());
        Print($"{Trials} jobs killed: {finished.Count} calls finished, {read.Records} records, {lost} records of finished calls lost, "
            + $"{incomplete.Count} calls started and not ended (merge: {merged.IncompleteActivities} incomplete), {read.CutLines} cut lines (merge: {merged.SkippedLines} skipped)");

        finished.Count.ShouldBeGreaterThan(Trials, "every job made calls before it was killed");
        lost.ShouldBe(0);
        merged.IncompleteActivities.ShouldBe(incomplete.Count, "the merge reports exactly the calls that began and never ended");
        incomplete.ShouldAllBe(label => begun.Contains(label) && !finished.Contains(label));
        incomplete.Count.ShouldBeLessThanOrEqualTo(2 * Trials, "at most one call in flight per thread when a job is killed");
        read.CutLines.ShouldBeLessThanOrEqualTo(Trials, "only a killed job's last line can be cut");
        merged.SkippedLines.ShouldBe(read.CutLines);
        read.Sessions.ShouldBe(Trials, "every restarted job's session record survived the line its predecessor cut");
    }

    [Fact]
    public async Task Sixteen_processes_writing_one_log_tear_and_lose_no_record()
    {
        const int Writers = 16, Calls = 5_000, BigEvery = 50, BigLength = 40_000;
        var log = Path.Combine(_directory, "shared.log");
        var processes = Enumerable.Range(0, Writers).Select(w => Process.Start(DriverStart(log, $"w{w}", threads: 1, Calls, BigEvery, BigLength))!).ToList();
        foreach (var process in processes)
        {
            var error = process.StandardError.ReadToEndAsync(Cancel);
            await process.StandardOutput.ReadToEndAsync(Cancel);
            await process.WaitForExitAsync(Cancel).WaitAsync(TimeSpan.FromMinutes(10), Cancel);
            process.ExitCode.ShouldBe(0, await error);
            process.Dispose();
        }

        var read = ReadLog(log);
        var wrongPayloads = 0;
        foreach (var (label, payload) in read.Payloads)
        {
            var call = int.Parse(label[(label.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            wrongPayloads += payload == PayloadOf(call, BigEvery, BigLength) ? 0 : 1;
        }

        var whole = read.StartedLabels.Count(read.Ended);
        Print($"{Writers} processes x {Calls} calls (every {BigEvery}th record {BigLength / 1000} KB) on one log: {read.Records} records, "
            + $"{read.CutLines} torn lines, {Writers * Calls - whole} calls lost, {wrongPayloads} payloads changed");

        read.CutLines.ShouldBe(0);
        read.StartedLabels.Count.ShouldBe(Writers * Calls);
        whole.ShouldBe(Writers * Calls);
        wrongPayloads.ShouldBe(0);
        read.Sessions.ShouldBe(Writers);
        ProvenanceMerger.Merge([log], new MergeOptions()).SkippedLines.ShouldBe(0);
    }

    // The driver's rule for a call's payload (tests/CaptureDriver/DriverSteps.cs): every byte can be checked.
    private static string PayloadOf(int call, int bigEvery, int bigLength)
        => new((char)('a' + (call % 26)), call % bigEvery == bigEvery - 1 ? bigLength : 64 + (call % 64));

    // The log as an independent reader sees it: each line parsed whole by System.Text.Json or counted cut.
    private static LogContents ReadLog(string log)
    {
        var contents = new LogContents();
        var idOfLabel = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(log))
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                contents.CutLines++;
                continue;
            }

            using (document)
            {
                var record = document.RootElement;
                contents.Records++;
                switch (record.StrOrNull("prov_kind"))
                {
                    case RecordKinds.Session:
                        contents.Sessions++;
                        break;
                    case RecordKinds.ActivityStart:
                        var parameters = record.GetProperty("parameters");
                        var label = parameters.Str("label");
                        idOfLabel[label] = record.Str("activity_id");
                        contents.Payloads.Add((label, parameters.Str("payload")));
                        break;
                    case RecordKinds.ActivityEnd:
                        contents.EndedIds.Add(record.Str("activity_id"));
                        break;
                }
            }
        }

        contents.IdOfLabel = idOfLabel;
        return contents;
    }

    private sealed class LogContents
    {
        public int Records;
        public int CutLines;
        public int Sessions;
        public readonly List<(string Label, string Payload)> Payloads = [];
        public readonly HashSet<string> EndedIds = new(StringComparer.Ordinal);
        public Dictionary<string, string> IdOfLabel = [];

        public ICollection<string> StartedLabels => IdOfLabel.Keys;

        public bool Ended(string label) => IdOfLabel.TryGetValue(label, out var id) && EndedIds.Contains(id);
    }
}
