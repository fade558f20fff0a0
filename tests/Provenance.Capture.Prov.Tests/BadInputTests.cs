using System.IO.Compression;
using Provenance.Capture.Prov.Merge;

namespace Provenance.Capture.Prov.Tests;

public sealed class BadInputTests(NightFixture night) : IClassFixture<NightFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-bad-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Cut_line_non_json_line_and_unknown_kind_are_reported_with_file_and_line_and_skipped()
    {
        var lines = File.ReadAllLines(night.Real.LogPath).ToList();
        var total = lines.Count;
        lines.Insert(3, "this is not json");
        lines.Insert(5, "{\"prov_kind\":\"teleportation\",\"prov_schema\":\"9.1\"}");
        lines.Insert(7, lines[7] + lines[8]);
        lines.Add(lines[10][..(lines[10].Length / 2)]);
        var log = Path.Combine(_directory, "crashed.log");
        File.WriteAllLines(log, lines);

        var result = ProvenanceMerger.Merge([log], new MergeOptions());
        result.Problems.Count.ShouldBe(4);
        result.Problems[0].Line.ShouldBe(4);
        result.Problems[0].File.ShouldBe(log);
        result.Problems[1].Line.ShouldBe(6);
        result.Problems[1].Message.ShouldBe(
            "unknown record kind 'teleportation' (schema 9.1); expected one of activity_end, activity_start, derivation, entity, generated, membership, parameters, session, used, warning");
        result.Problems[2].Line.ShouldBe(8);
        result.Problems[2].Message.ShouldContain("two events on one line");
        result.Problems[3].Line.ShouldBe(total + 4);
        result.Problems[3].Message.ShouldContain("cut mid-write");
        result.Document.Activities.Count.ShouldBe(ProvenanceMerger.Merge([night.Real.LogPath], new MergeOptions()).Document.Activities.Count);
    }

    [Fact]
    public void Activity_with_a_start_and_no_end_is_kept_and_marked_incomplete()
    {
        var lines = File.ReadAllLines(night.Real.LogPath);
        var firstEnd = Array.FindIndex(lines, l => l.Contains("\"activity_end\"", StringComparison.Ordinal));
        var log = Path.Combine(_directory, "killed.log");
        File.WriteAllLines(log, lines.Where((_, i) => i != firstEnd));

        var result = ProvenanceMerger.Merge([log], new MergeOptions());
        result.IncompleteActivities.ShouldBe(1);
        var incomplete = result.Document.Activities.Values.ShouldHaveSingleItem(a => a.Attributes.TryGetValue("provcap:status", out var s) && s.Any(v => v.Text == "incomplete"));
        incomplete.EndTime.ShouldBeNull();
        incomplete.StartTime.ShouldNotBeNull();
    }

    [Fact]
    public void Records_of_an_activity_whose_start_no_log_holds_are_counted_and_the_command_says_so()
    {
        var lines = File.ReadAllLines(night.Real.LogPath);
        var firstStart = Array.FindIndex(lines, l => l.Contains("\"activity_start\"", StringComparison.Ordinal));
        var activity = System.Text.Json.JsonDocument.Parse(lines[firstStart]).RootElement.GetProperty("activity_id").GetString()!;
        var itsOtherRecords = lines.Where((l, i) => i != firstStart && l.Contains($"\"activity_id\":\"{activity}\"", StringComparison.Ordinal)).ToList();
        itsOtherRecords.ShouldContain(l => l.Contains("\"activity_end\"", StringComparison.Ordinal));
        var log = Path.Combine(_directory, "cut-before-start.log");
        File.WriteAllLines(log, lines.Where((_, i) => i != firstStart));

        var whole = ProvenanceMerger.Merge([night.Real.LogPath], new MergeOptions());
        var result = ProvenanceMerger.Merge([log], new MergeOptions());

        (whole.UnstartedActivities, whole.UnstartedRecords).ShouldBe((0, 0L));
        (result.UnstartedActivities, result.UnstartedRecords).ShouldBe((1, (long)itsOtherRecords.Count));
        result.Document.Activities.Count.ShouldBe(whole.Document.Activities.Count - 1);
        result.Problems.ShouldBeEmpty();

        var output = new StringWriter();
        var error = new StringWriter();
        var code = Cli.ProvcapCommand.Run(["merge", log, "-o", Path.Combine(_directory, "cut.prov.json")], output, error);
        code.ShouldBe(Cli.ProvcapCommand.Skipped);
        error.ToString().ShouldContain($"provcap: warning: {itsOtherRecords.Count} records of 1 activities whose start is in none of the logs given were left out");
        output.ToString().ShouldContain("; 1 activities without a start left out");
    }

    [Fact]
    public void Gzip_logs_are_read_like_plain_ones()
    {
        var gz = Path.Combine(_directory, "prov.log.gz");
        using (var target = new GZipStream(File.Create(gz), CompressionLevel.Fastest))
        using (var source = File.OpenRead(night.Real.LogPath))
        {
            source.CopyTo(target);
        }

        var zipped = ProvenanceMerger.Merge([gz], new MergeOptions { Granularity = Granularity.Run });
        var plain = ProvenanceMerger.Merge([night.Real.LogPath], new MergeOptions { Granularity = Granularity.Run });
        zipped.RecordsRead.ShouldBe(plain.RecordsRead);
        zipped.Document.Relations.Count.ShouldBe(plain.Document.Relations.Count);
    }

    [Fact]
    public void Logs_longer_than_the_read_buffer_and_lines_longer_than_it_are_read_whole()
    {
        // The reader takes 1 MiB at a time: lines cross that boundary many times here, and one line is
        // longer than the buffer itself.
        var lines = File.ReadAllLines(night.Real.LogPath);
        var session = lines.First(l => l.Contains("\"prov_kind\":\"session\"", StringComparison.Ordinal));
        var huge = session.Replace("\"prov_kind\":\"session\"", $"\"prov_kind\":\"session\",\"notes\":\"{new string('n', 3 << 20)}\"", StringComparison.Ordinal)
;
        var log = Path.Combine(_directory, "long.log");
        var copies = 1 + (4 << 20) / File.ReadAllBytes(night.Real.LogPath).Length;
        File.WriteAllLines(log, Enumerable.Repeat(lines, copies).SelectMany(l => l).Prepend(huge));
        new FileInfo(log).Length.ShouldBeGreaterThan(6L << 20);

        var result = ProvenanceMerger.Merge([log], new MergeOptions());

        result.Problems.ShouldBeEmpty();
        result.RecordsRead.ShouldBe((long)lines.Length * copies + 1);
        var once = ProvenanceMerger.Merge([night.Real.LogPath], new MergeOptions()).Document;
        result.Document.Activities.Keys.ShouldBe(once.Activities.Keys);
        result.Document.Agents.Values.SelectMany(a => a.Attributes.Values).SelectMany(v => v).ShouldContain(l => l.Text == new string('n', 3 << 20), "the first session record, longer than the buffer, is the session's");
    }
}
