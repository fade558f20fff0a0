using System.Collections.Concurrent;
using System.Text.Json;
using Provenance.Capture.Records;
using Provenance.Capture.Tests.Pipeline;

namespace Provenance.Capture.Tests;

/// <summary>Faults of the log file itself: a partial line left by a killed process, a log deleted under a running capture.</summary>
[Collection(SelfLogCollection.Name)]
public sealed class LogFaultTests : IDisposable
{
    private readonly CaptureFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void A_log_ending_in_a_partial_line_gets_the_next_record_on_a_fresh_line()
    {
        // What a job killed in the middle of a record leaves behind.
        const string Cut = """{"@t":"2020-11-20T22:00:00Z","prov_kind":"activity_start","prov_schema":1,"activity_id":"killed","used":[{"used_""";
        File.WriteAllText(_fixture.LogPath, Cut);
        var data = _fixture.File("data.txt", "x");
        using (_fixture.Start())
        {
            TestPipeline.Inspect(data, new CalibrationSettings(1, data));
        }

        var lines = File.ReadAllLines(_fixture.LogPath);
        lines[0].ShouldBe(Cut);
        lines.Skip(1).ShouldAllBe(line => JsonDocument.Parse(line, default).RootElement.ValueKind == JsonValueKind.Object);
        JsonDocument.Parse(lines[1]).RootElement.GetProperty("prov_kind").GetString().ShouldBe(RecordKinds.Session);
    }

    [Fact]
    public void A_log_deleted_under_a_running_capture_is_reported_once_and_opened_again()
    {
        var reports = new ConcurrentQueue<string>();
        SelfLog.Enable(reports.Enqueue);
        var data = _fixture.File("data.txt", "x");
        try
        {
            using (_fixture.Start())
            {
                TestPipeline.Inspect(data, new CalibrationSettings(1, data));
                File.Delete(_fixture.LogPath);
                Thread.Sleep(Clef.AppendFileSink.DeletedCheckMs + 100);
                TestPipeline.Inspect(data, new CalibrationSettings(2, data));
                if (LinuxCalls.Supported)
                {
                    KernelView.Descriptors(_fixture.LogPath + " (deleted)").ShouldBeEmpty("the deleted file's descriptor is closed");
                }

                // A second later the file is still there: nothing is opened or written again.
                Thread.Sleep(Clef.AppendFileSink.DeletedCheckMs + 100);
                TestPipeline.Inspect(data, new CalibrationSettings(3, data));
            }
        }
        finally
        {
            SelfLog.Disable();
        }

        reports.Where(r => r.Contains($"the provenance log '{_fixture.LogPath}' was deleted", StringComparison.Ordinal)).ShouldHaveSingleItem()
            .ShouldEndWith($"the provenance log '{_fixture.LogPath}' was deleted while capture ran: opened it again (its session record first); records of the last second before that may be lost with the deleted file");
        _fixture.Records(RecordKinds.Session).Count.ShouldBe(1, "the session record is written again once");
        File.Exists(_fixture.LogPath).ShouldBeTrue();
        _fixture.Records(RecordKinds.ActivityEnd).Count.ShouldBe(2, "the calls after the deletion are in the new file");
        var session = _fixture.Records()[0];
        session.Str("prov_kind").ShouldBe(RecordKinds.Session, "the new file starts with its session record");
        _fixture.Records(RecordKinds.ActivityStart).ShouldAllBe(start => start.Str("in_session") == session.Str("session_id"));
        var options = new Prov.Merge.MergeOptions();
        options.SessionTags.Add(session.Str("session_tag"));
        Prov.Merge.ProvenanceMerger.Merge([_fixture.LogPath], options).Document.Activities.Count.ShouldBe(2, "a session-tag filter keeps the calls of the new file");
    }

    [Fact]
    public void A_log_whose_first_record_is_no_session_record_is_opened_again_without_writing_that_record_again()
    {
        var reports = new ConcurrentQueue<string>();
        SelfLog.Enable(reports.Enqueue);
        try
        {
            using (var logger = Clef.ClefLogging.CreateFileLogger(_fixture.LogPath))
            {
                var records = logger.ForContext("SourceContext", RecordSchema.Category);
                records.Information("PROV {prov_kind} {message}", RecordKinds.Warning, "first");
                File.Delete(_fixture.LogPath);
                Thread.Sleep(Clef.AppendFileSink.DeletedCheckMs + 100);
                records.Information("PROV {prov_kind} {message}", RecordKinds.Warning, "second");
                if (LinuxCalls.Supported)
                {
                    KernelView.Descriptors(_fixture.LogPath).Count.ShouldBe(1, "the new file is open");
                }
            }

            if (LinuxCalls.Supported)
            {
                KernelView.Descriptors(_fixture.LogPath).ShouldBeEmpty("disposing the logger closes the log");
            }
        }
        finally
        {
            SelfLog.Disable();
        }

        _fixture.Records().Select(r => r.Str("message")).ShouldBe(["second"]);
        var reopened = $"the provenance log '{_fixture.LogPath}' was deleted while capture ran: opened it again; records of the last second before that may be lost with the deleted file";
        reports.ShouldContain(r => r.EndsWith(reopened, StringComparison.Ordinal));
    }
}
