using System.Globalization;
using System.IO.Compression;
using System.Text;
using Provenance.Capture.Prov.Merge;
using Provenance.Capture.Prov.Readers;

namespace Provenance.Capture.Prov.Tests;

/// <summary>No log can crash, hang or exhaust the merge: hostile lines are skipped with file and line, the good records around them kept.</summary>
public sealed class HostileLogTests : IDisposable
{
    private const string P = "__PROV__";
    private const string Start = """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a1","name":"calibrate","startTime":"2020-11-20T22:00:00.0000000+00:00"}""";
    private const string End = """{"prov_kind":"activity_end","prov_schema":1,"activity_id":"a1","endTime":"2020-11-20T22:00:01.0000000+00:00","status":"succeeded"}""";

    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-hostile-log-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // A gzip log: the hostile lines are huge or many, their compressed form small.
    private string Gzip(Action<StreamWriter> write)
    {
        var path = Path.Combine(_directory, Path.GetRandomFileName() + ".log.gz");
        using (var file = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        using (var writer = new StreamWriter(file, new UTF8Encoding(false)))
        {
            write(writer);
        }

        return path;
    }

    private static void ShouldKeepTheActivity(MergeResult result)
    {
        result.Document.Activities.Values.ShouldHaveSingleItem().Get("provcap:status").ShouldBe("succeeded");
    }

    [Fact]
    public void A_python_literal_nested_fifty_thousand_levels_deep_is_skipped_with_its_line()
    {
        var log = Path.Combine(_directory, "lst.log");
        File.WriteAllLines(log,
        [
            $"{P}2020-11-21T01:03:09.152031{P}{{'activity_id': 'a1', 'name': 'r0_to_dl1', 'startTime': '2020-11-21T01:03:09.152031'}}",
            $"{P}2020-11-21T01:03:09.152553{P}{{'activity_id': 'a1', 'parameters': {{'cuts': {new string('[', 50_000)}1{new string(']', 50_000)}}}}}",
            $"{P}2020-11-21T01:05:01.000000{P}{{'activity_id': 'a1', 'endTime': '2020-11-21T01:05:01.000000'}}",
        ]);

        var result = ProvenanceMerger.Merge([log], new MergeOptions());

        var problem = result.Problems.ShouldHaveSingleItem();
        (problem.File, problem.Line).ShouldBe((log, 2L));
        problem.Message.ShouldContain($"nested deeper than {PythonLiteral.MaxDepth} levels");
        result.Document.Activities.Count.ShouldBe(1);
    }

    [Fact]
    public void A_json_line_nested_fifty_thousand_levels_deep_is_skipped_with_its_line()
    {
        var log = Path.Combine(_directory, "deep.log");
        var deep = Start.Replace("}", $",\"parameters\":{{\"cuts\":{new string('[', 50_000)}{new string(']', 50_000)}}}}}", StringComparison.Ordinal).Replace("a1", "a2", StringComparison.Ordinal);
        File.WriteAllLines(log, [Start, deep, End]);

        var result = ProvenanceMerger.Merge([log], new MergeOptions());

        result.Problems.ShouldHaveSingleItem().Line.ShouldBe(2);
        result.Problems[0].Message.ShouldContain("depth");
        ShouldKeepTheActivity(result);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_line_of_sixty_four_mebibytes_or_more_is_skipped_without_being_held_and_the_lines_around_it_are_kept(int threads)
    {
        var log = Gzip(writer =>
        {
            writer.WriteLine(Start);
            var block = new string('x', 1 << 20);
            for (var i = 0; i < (LogReader.MaxLineBytes >> 20) + 3; i++)
            {
                writer.Write(block);
            }

            writer.WriteLine();
            writer.WriteLine(End);
        });

        var result = ProvenanceMerger.Merge([log], new MergeOptions { ReadThreads = threads });

        var problem = result.Problems.ShouldHaveSingleItem();
        problem.Line.ShouldBe(2);
        problem.Message.ShouldBe("line of 64 MiB or more: skipped without reading it whole");
        ShouldKeepTheActivity(result);
    }

    [Fact]
    public void A_huge_line_cut_at_the_end_of_the_log_is_reported_once()
    {
        var log = Gzip(writer =>
        {
            writer.WriteLine(Start);
            writer.WriteLine(End);
            writer.Write(new string('y', LogReader.MaxLineBytes + 10));
        });

        var result = ProvenanceMerger.Merge([log], new MergeOptions());

        result.Problems.ShouldHaveSingleItem().Line.ShouldBe(3);
        ShouldKeepTheActivity(result);
    }

    [Fact]
    public void Ten_million_garbage_lines_are_counted_and_only_the_first_thousand_kept_with_their_reasons()
    {
        // Under mutation testing every line costs tens of times more (MutationTesting): fewer lines, the same checks.
        var lines = MutationTesting.Active ? 20_000 : 10_000_000;
        var log = Gzip(writer =>
        {
            writer.WriteLine(Start);
            for (var i = 0; i < lines; i++)
            {
                writer.Write("garbage\n");
            }

            writer.WriteLine(End);
        });

        var result = ProvenanceMerger.Merge([log], new MergeOptions());

        result.SkippedLines.ShouldBe(lines);
        result.Problems.Count.ShouldBe(LogReader.MaxProblemsKept);
        result.Problems[^1].Line.ShouldBe(LogReader.MaxProblemsKept + 1);
        ShouldKeepTheActivity(result);
    }

    [Fact]
    public void A_byte_order_mark_at_the_start_of_a_log_is_not_a_problem()
    {
        var log = Path.Combine(_directory, "bom.log");
        File.WriteAllText(log, Start + "\n" + End + "\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        File.ReadAllBytes(log)[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });

        var result = ProvenanceMerger.Merge([log], new MergeOptions());

        result.Problems.ShouldBeEmpty();
        ShouldKeepTheActivity(result);
    }

    [Fact]
    public void A_line_that_is_not_utf8_is_reported_with_its_line_and_byte()
    {
        var log = Path.Combine(_directory, "latin1.log");
        var bad = Encoding.UTF8.GetBytes("""{"prov_kind":"session","prov_schema":1,"session_id":"s9","session_tag":"caf""");
        File.WriteAllBytes(log, [.. Encoding.UTF8.GetBytes(Start + "\n"), .. bad, 0xE9, .. "\"}\n"u8, .. Encoding.UTF8.GetBytes(End + "\n")]);

        var result = ProvenanceMerger.Merge([log], new MergeOptions());

        var problem = result.Problems.ShouldHaveSingleItem();
        (problem.File, problem.Line).ShouldBe((log, 2L));
        problem.Message.ShouldBe($"not valid UTF-8 (byte 0xE9 at byte {bad.Length + 1} of the line)");
        ShouldKeepTheActivity(result);
    }

    [Fact]
    public void A_kind_that_is_an_object_is_passed_over_whole_not_read_as_the_records_fields()
    {
        // Found by fuzzing: the nested object's own prov_kind made the line a session record, which the
        // session reader then refused with an exception that ended the merge.
        var log = Path.Combine(_directory, "nested-kind.log");
        File.WriteAllLines(log, [Start, """{"prov_kind":{"prov_kind":"session","session_id":"s1","environment":{"HOME":"/root"}}""", End]);

        var result = ProvenanceMerger.Merge([log], new MergeOptions());

        result.Problems.ShouldHaveSingleItem().Line.ShouldBe(2);
        result.Document.Agents.Keys.ShouldNotContain(k => k.Contains("s1", StringComparison.Ordinal));
        ShouldKeepTheActivity(result);
    }

    [Fact]
    public void A_session_record_glued_to_a_line_cut_by_a_crash_is_recovered_and_its_activities_kept()
    {
        // A job killed mid-record; the restarted job's session record went onto the end of the partial line.
        const string Session = """{"@t":"2020-11-20T22:00:00Z","@mt":"PROV {prov_kind}","prov_kind":"session","prov_schema":1,"session_id":"s2","session_tag":"LST1-restart","name":"night"}""";
        var cut = Start.Replace("a1", "killed", StringComparison.Ordinal)[..60];
        var start = Start.Replace("}", ""","in_session":"s2"}""", StringComparison.Ordinal);
        var log = Path.Combine(_directory, "glued.log");
        File.WriteAllLines(log, [cut + Session, start, End]);

        var result = ProvenanceMerger.Merge([log], new MergeOptions { SessionTags = { "LST1-restart" } });

        var problem = result.Problems.ShouldHaveSingleItem();
        problem.Line.ShouldBe(1);
        problem.Message.ShouldEndWith($"; the record glued after the cut one at byte {cut.Length + 1} was recovered");
        ShouldKeepTheActivity(result);
    }

    [Theory]
    [InlineData("""{"prov_kind":"entity","entity_id":"cut","value":{""")]
    [InlineData("""{""")]
    [InlineData("""{"prov_kind":"entity","entity_id":"cut","value":"{not a record}","name":"x""")]
    public void A_record_glued_right_after_an_opening_brace_of_the_cut_one_is_recovered(string cut)
    {
        const string Glued = """{"@t":"2020-11-20T22:00:00Z","prov_kind":"activity_start","prov_schema":1,"activity_id":"glued","name":"r0_to_dl1","startTime":"2020-11-20T22:00:00Z"}""";
        var log = Path.Combine(_directory, "brace.log");
        File.WriteAllLines(log, [cut + Glued]);

        var result = ProvenanceMerger.Merge([log], new MergeOptions());

        result.Problems.ShouldHaveSingleItem().Message.ShouldEndWith($"; the record glued after the cut one at byte {cut.Length + 1} was recovered");
        result.Document.Activities.Keys.ShouldBe(["act:glued"]);
    }

    [Fact]
    public void An_impossible_time_is_reported_with_its_line_and_the_record_kept_with_the_time_unknown()
    {
        var log = Path.Combine(_directory, "bad-time.log");
        File.WriteAllLines(log, [Start, End.Replace("2020-11-20T22:00:01.0000000+00:00", "2020-13-45T99:99:99", StringComparison.Ordinal)]);

        var result = ProvenanceMerger.Merge([log], new MergeOptions());

        var problem = result.Problems.ShouldHaveSingleItem();
        problem.Line.ShouldBe(2);
        problem.Message.ShouldBe("endTime '2020-13-45T99:99:99' is not a time: the record is kept with its endTime unknown");
        var activity = result.Document.Activities.Values.ShouldHaveSingleItem();
        activity.Get("provcap:status").ShouldBe("succeeded");
        activity.EndTime.ShouldBeNull();
    }

    [Fact]
    public void An_impossible_event_time_is_reported_with_its_line()
    {
        var log = Path.Combine(_directory, "bad-event-time.log");
        File.WriteAllLines(log, [Start.Replace("{", """{"@t":"2020-13-45T99:99:99",""", StringComparison.Ordinal), End]);

        var result = ProvenanceMerger.Merge([log], new MergeOptions());

        var problem = result.Problems.ShouldHaveSingleItem();
        (problem.File, problem.Line).ShouldBe((log, 1));
        problem.Message.ShouldBe("@t '2020-13-45T99:99:99' is not a time: the record is kept with its @t unknown");
        result.Document.Activities.Values.ShouldHaveSingleItem().StartTime.ShouldBe(DateTimeOffset.Parse("2020-11-20T22:00:00Z", CultureInfo.InvariantCulture), "its own startTime stands");
    }

    [Fact]
    public void An_activity_record_without_its_own_time_takes_the_event_time()
    {
        // Another writer than capture may leave the time to CLEF's @t.
        var log = Path.Combine(_directory, "event-time.log");
        File.WriteAllLines(log,
        [
            """{"@t":"2020-11-20T22:00:00.5000000Z","prov_kind":"activity_start","prov_schema":1,"activity_id":"a1","name":"calibrate"}""",
            """{"@t":"2020-11-20T22:00:03.0000000Z","prov_kind":"activity_end","prov_schema":1,"activity_id":"a1","status":"succeeded"}""",
        ]);

        var result = ProvenanceMerger.Merge([log], new MergeOptions());

        result.Problems.ShouldBeEmpty();
        var activity = result.Document.Activities.Values.ShouldHaveSingleItem();
        activity.StartTime.ShouldBe(DateTimeOffset.Parse("2020-11-20T22:00:00.5Z", CultureInfo.InvariantCulture));
        activity.EndTime.ShouldBe(DateTimeOffset.Parse("2020-11-20T22:00:03Z", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void An_activity_whose_own_time_is_impossible_keeps_it_unknown_rather_than_taking_the_event_time()
    {
        var log = Path.Combine(_directory, "bad-own-time.log");
        File.WriteAllLines(log, [Start.Replace("{", """{"@t":"2020-11-20T22:00:00Z",""", StringComparison.Ordinal).Replace("2020-11-20T22:00:00.0000000+00:00", "2020-13-45T99:99:99", StringComparison.Ordinal), End]);

        var result = ProvenanceMerger.Merge([log], new MergeOptions());

        result.Problems.ShouldHaveSingleItem().Message.ShouldStartWith("startTime '2020-13-45T99:99:99' is not a time");
        result.Document.Activities.Values.ShouldHaveSingleItem().StartTime.ShouldBeNull();
    }

    [Fact]
    public void An_impossible_time_in_an_lst_line_is_reported_with_its_line_and_the_record_kept()
    {
        const string P = "__PROV__";
        var log = Path.Combine(_directory, "bad-time-lst.log");
        File.WriteAllLines(log,
        [
            $"{P}2020-11-21T01:03:09.152031{P}{{'activity_id': 'a1', 'name': 'r0_to_dl1', 'startTime': '2020-11-21T01:03:09.152031'}}",
            $"{P}2020-11-21T01:05:01.000000{P}{{'activity_id': 'a1', 'endTime': '2020-13-45T99:99:99'}}",
        ]);

        var result = ProvenanceMerger.Merge([log], new MergeOptions());

        var problem = result.Problems.ShouldHaveSingleItem();
        (problem.File, problem.Line).ShouldBe((log, 2));
        problem.Message.ShouldBe("endTime '2020-13-45T99:99:99' is not a time: the record is kept with its endTime unknown");
        var activity = result.Document.Activities.Values.ShouldHaveSingleItem();
        activity.StartTime.ShouldNotBeNull();
        activity.EndTime.ShouldBeNull();
        result.IncompleteActivities.ShouldBe(0, "the end record was kept: the call ended, at an unknown time");
    }
}
