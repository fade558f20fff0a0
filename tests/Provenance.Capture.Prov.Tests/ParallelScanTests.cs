using System.IO.Compression;
using System.Reflection;
using System.Text;
using Provenance.Capture.Prov.Merge;
using Provenance.Capture.Prov.Readers;
using Provenance.Capture.Prov.Symbols;
using Provenance.Capture.Prov.Writers;

namespace Provenance.Capture.Prov.Tests;

/// <summary>
/// Reading on several threads (a splitter, decoding workers with tables of their own, the merge thread
/// renaming their symbols) gives what reading on one thread gives: the same document byte for byte, the
/// same problems in the same order, the same faults.
/// </summary>
public sealed class ParallelScanTests(NightFixture night) : IClassFixture<NightFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-parallel-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(Granularity.Subrun, ".json")]
    [InlineData(Granularity.Subrun, ".provn")]
    [InlineData(Granularity.Subrun, ".dot")]
    [InlineData(Granularity.Run, ".json")]
    [InlineData(Granularity.Run, ".provn")]
    [InlineData(Granularity.Run, ".dot")]
    [InlineData(Granularity.Night, ".json")]
    public void A_night_with_hostile_lines_merges_to_the_same_document_on_one_thread_and_on_several(Granularity granularity, string extension)
    {
        string[] logs = [night.Real.LogPath, HostileLog(), Gzipped(night.DryRun.LogPath)];
        var one = Path.Combine(_directory, "one" + extension);
        var several = Path.Combine(_directory, "several" + extension);

        var alone = ProvenanceMerger.Merge(logs, new MergeOptions { Granularity = granularity, ReadThreads = 1 });

        // Batches of three lines over three workers whose tables start again past 40 symbols: every hand-over and every reset, many times.
        var shared = ProvenanceMerger.Merge(logs, new MergeOptions { Granularity = granularity, ReadThreads = 3, BatchLines = 3, WorkerSymbolLimit = 40 });
        ProvOutput.Write(alone.Graph, one);
        ProvOutput.Write(shared.Graph, several);

        File.ReadAllBytes(several).ShouldBe(File.ReadAllBytes(one));
        shared.RecordsRead.ShouldBe(alone.RecordsRead);
        shared.Problems.Select(p => p.ToString()).ShouldBe(alone.Problems.Select(p => p.ToString()));
        shared.SkippedLines.ShouldBe(alone.SkippedLines);
        alone.Problems.Count.ShouldBe(6, "the bad UTF-8, the foreign line, the cut line with a record glued to it, the impossible time, the cut LST line and the cut last line");
        alone.Document.Activities.Count.ShouldBeGreaterThan(granularity == Granularity.Subrun ? 20 : 2);
    }

    [Fact]
    public void The_lines_read_and_the_problems_told_as_found_are_the_same_on_several_threads()
    {
        List<ReadProblem> Told(int threads, out long lines)
        {
            var told = new List<ReadProblem>();
            var reader = new LogReader { Threads = threads, BatchLines = 2, OnProblem = told.Add };
            reader.Scan([HostileLog(), night.Real.LogPath], new RecordSymbols(16), new Counting(int.MaxValue));
            lines = reader.LinesRead;
            reader.Problems.ShouldBe(told);
            return told;
        }

        var alone = Told(1, out var linesAlone);
        var shared = Told(2, out var linesShared);
        shared.Select(p => p.ToString()).ShouldBe(alone.Select(p => p.ToString()));
        linesShared.ShouldBe(linesAlone);
    }

    [Fact]
    public void A_file_that_cannot_be_read_stops_the_scan_after_the_records_of_the_files_before_it()
    {
        var missing = Path.Combine(_directory, "gone.log");
        int TakenBeforeTheFault(int threads)
        {
            var counting = new Counting(int.MaxValue);
            var reader = new LogReader { Threads = threads, BatchLines = 5 };
            Should.Throw<FileNotFoundException>(() => reader.Scan([night.Real.LogPath, missing, HostileLog()], new RecordSymbols(16), counting)).FileName.ShouldBe(missing);
            return counting.Taken;
        }

        var everyRecordOfTheNight = new Counting(int.MaxValue);
        new LogReader { Threads = 1 }.Scan([night.Real.LogPath], new RecordSymbols(16), everyRecordOfTheNight);
        TakenBeforeTheFault(1).ShouldBe(everyRecordOfTheNight.Taken);
        TakenBeforeTheFault(2).ShouldBe(everyRecordOfTheNight.Taken);
        everyRecordOfTheNight.Taken.ShouldBeGreaterThan(100);
    }

    [Fact]
    public void A_compressed_log_broken_in_the_middle_stops_the_scan_after_the_records_before_the_break()
    {
        // The night's log many times over (more than the reader's buffer), compressed; its first half whole,
        // then noise: the decompressor fails mid-file, after lines were read.
        var big = Path.Combine(_directory, "big.log");
        var text = File.ReadAllText(night.Real.LogPath);
        File.WriteAllText(big, string.Concat(Enumerable.Repeat(text, (int)(8_000_000 / text.Length) + 1)));
        var broken = Gzipped(big);
        var bytes = File.ReadAllBytes(broken);
        new Random(7).NextBytes(bytes.AsSpan(bytes.Length / 2));
        File.WriteAllBytes(broken, bytes);
        int TakenBeforeTheBreak(int threads)
        {
            var counting = new Counting(int.MaxValue);
            var reader = new LogReader { Threads = threads, BatchLines = 5 };
            Should.Throw<InvalidDataException>(() => reader.Scan([night.DryRun.LogPath, broken], new RecordSymbols(16), counting));
            return counting.Taken;
        }

        var dryRun = new Counting(int.MaxValue);
        new LogReader { Threads = 1 }.Scan([night.DryRun.LogPath], new RecordSymbols(16), dryRun);
        var alone = TakenBeforeTheBreak(1);
        alone.ShouldBeGreaterThan(dryRun.Taken + 1000, "records of the broken log's first half");
        TakenBeforeTheBreak(2).ShouldBe(alone);
    }

    [Fact]
    public async Task A_consumer_that_throws_gets_its_exception_back_and_every_reading_thread_stops()
    {
        var reader = new LogReader { Threads = 2, BatchLines = 4 };
        var scan = Task.Run(() => reader.Scan([night.Real.LogPath, night.DryRun.LogPath], new RecordSymbols(16), new Counting(throwAt: 10)), TestContext.Current.CancellationToken);
        var thrown = await Should.ThrowAsync<InvalidOperationException>(scan.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        thrown.Message.ShouldBe("record 10");
    }

    [Fact]
    public void The_reading_threads_have_names_that_top_and_perf_show_whole()
    {
        Assert.SkipUnless(Directory.Exists("/proc/self/task"), "thread names are read from /proc/self/task (Linux)");

        // Looked at from the first record: the splitter then waits for the batches in flight to be taken (a batch a line).
        HashSet<string>? names = null;
        new LogReader { Threads = 2, BatchLines = 1 }.Scan([night.Real.LogPath], new RecordSymbols(16), new Watching(() => names ??= ThreadNames()));

        names.ShouldNotBeNull();
        names.ShouldContain("provcap split");
        names.ShouldContain("provcap dec 1", "at most 15 bytes: Linux cuts a longer name");
        names.ShouldContain("provcap dec 2");
    }

    [Fact]
    public void Renaming_a_record_renames_every_symbol_and_literal_it_holds()
    {
        // Every int field set to its own symbol, every list given one item: a field added without its renaming fails here.
        var record = new DecodedRecord();
        var fields = typeof(DecodedRecord).GetFields(BindingFlags.Public | BindingFlags.Instance).Where(f => f.FieldType == typeof(int)).ToList();
        for (var i = 0; i < fields.Count; i++)
        {
            fields[i].SetValue(record, i + 1);
        }

        record.Parameters.Add((1, 2));
        record.ParameterTypes.Add((3, "xsd:int"));
        record.Used.Add((4, 5));
        record.Generated.Add((6, 7));
        record.Derivations.Add((8, 9));
        record.Members.Add(10);
        var symbols = Enumerable.Range(0, 100).Select(s => s == 0 ? 0 : s + 1000).ToArray();
        var literals = Enumerable.Range(0, 100).Select(l => l == 0 ? 0 : l + 2000).ToArray();

        record.Remap(symbols, literals);

        fields.Count.ShouldBeGreaterThan(25);
        foreach (var (field, i) in fields.Select((f, i) => (f, i)))
        {
            field.GetValue(record).ShouldBe(field.Name == nameof(DecodedRecord.Value) ? i + 1 + 2000 : i + 1 + 1000, field.Name);
        }

        record.Parameters.ShouldBe([(1001, 2002)]);
        record.ParameterTypes.ShouldBe([(1003, "xsd:int")]);
        record.Used.ShouldBe([(1004, 1005)]);
        record.Generated.ShouldBe([(1006, 1007)]);
        record.Derivations.ShouldBe([(1008, 1009)]);
        record.Members.ShouldBe([1010]);
    }

    // CLEF and LST lines with a byte-order mark, CRLF ends, bad bytes, a foreign line, a record glued to a
    // cut one, an impossible time, a session line repeated (the LST reader hands the remembered record
    // again), and a last line cut without its newline.
    private string HostileLog()
    {
        var path = Path.Combine(_directory, "hostile.log");
        if (File.Exists(path))
        {
            return path;
        }

        const string P = "__PROV__";
        var session = "{'session_id': 77, 'name': 'provprocess.py', 'observation_run': '02006', 'system': {'node': 'cp01', 'packages': [{'name': 'a', 'version': '1'}]}}";
        var lines = new List<string>
        {
            "\uFEFF{\"@t\":\"2020-11-20T22:00:00Z\",\"prov_kind\":\"session\",\"prov_schema\":1,\"session_id\":\"s-h\",\"session_tag\":\"hostile\"}",
            "{\"@t\":\"2020-11-20T22:00:01Z\",\"prov_kind\":\"activity_start\",\"prov_schema\":1,\"activity_id\":\"h1\",\"name\":\"r0_to_dl1\",\"in_session\":\"s-h\",\"run\":\"01618\",\"subrun\":\"0000\",\"startTime\":\"2020-11-20T22:00:01Z\"}\r",
            "not a log line at all",
            "{\"@t\":\"2020-11-20T22:00:02Z\",\"prov_kind\":\"entity\",\"prov_schema\":1,\"entity_id\":\"h-e1\",\"name\":\"R0\",\"location\":\"/d/h.fits\"}",
            "{\"@t\":\"2020-11-20T22:00:03Z\",\"prov_kind\":\"used\",\"prov_schema\":1,\"activity_id\":\"h1\",\"used_id\":\"h-e1\",\"used_role\":\"R0\"}",
            "{\"@t\":\"2020-11-20T22:00:04Z\",\"prov_kind\":\"activity_end\",\"prov_schema\":1,\"activity_id\":\"h1\",\"endTime\":\"2020-99-20T22:00:04Z\",\"status\":\"ok\"}",
            "{\"@t\":\"2020-11-20T22:00:05Z\",\"prov_kind\":\"ent{\"@t\":\"2020-11-20T22:00:06Z\",\"prov_kind\":\"activity_start\",\"prov_schema\":1,\"activity_id\":\"h2\",\"name\":\"dl1_to_dl2\",\"in_session\":\"s-h\",\"run\":\"01618\",\"subrun\":\"0000\",\"startTime\":\"2020-11-20T22:00:06Z\"}",
            $"{P}2020-11-21T01:03:09.131522{P}{session}",
            $"{P}2020-11-21T01:03:10.000001{P}{{'activity_id': 'l1', 'name': 'r0_to_dl1', 'in_session': 77, 'observation_run': '02006', 'observation_subrun': '0001'}}",
            $"{P}2020-11-21T01:03:11.131522{P}{session}",
            $"{P}2020-11-21T01:03:12.000001{P}{{'activity_id': 'l1', 'endTime': '2020-11-21T01:04:00.000000'}}",
            $"{P}2020-11-21T01:03:13.000001{P}{{'entity_id': 'l-e1', 'name",
            string.Empty,
        };

        using (var stream = File.Create(path))
        {
            var bytes = Encoding.UTF8.GetBytes(string.Join("\n", lines));
            stream.Write(bytes);
            stream.Write([(byte)'\n', 0xFF, 0xFE, .. " not UTF-8\n"u8]);
            stream.Write(Encoding.UTF8.GetBytes("{\"@t\":\"2020-11-20T22:00:09Z\",\"prov_kind\":\"entity\",\"prov_sch"));
        }

        return path;
    }

    private string Gzipped(string log)
    {
        var path = Path.Combine(_directory, Path.GetFileName(log) + ".gz");
        using var target = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        using var source = File.OpenRead(log);
        source.CopyTo(target);
        return path;
    }

    // The kernel's name of each thread of this process (what top -H and perf show).
    private static HashSet<string> ThreadNames() => [.. Directory.EnumerateDirectories("/proc/self/task").Select(task =>
    {
        try
        {
            return File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n');
        }
        catch (IOException)
        {
            // The thread ended meanwhile.
            return string.Empty;
        }
    })];

    private sealed class Watching(Action look) : IRecordConsumer
    {
        public void Take(DecodedRecord record) => look();
    }

    private sealed class Counting(int throwAt) : IRecordConsumer
    {
        public int Taken { get; private set; }

        public void Take(DecodedRecord record)
        {
            if (++Taken == throwAt)
            {
                throw new InvalidOperationException($"record {throwAt}");
            }
        }
    }
}
