using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Provenance.Capture.Clef;
using Provenance.Capture.Hosting;
using Provenance.Capture.Records;
using Provenance.Capture.Session;
using Provenance.Capture.Tests.Pipeline;
using Serilog;

namespace Provenance.Capture.Tests;

public sealed class EntityAndSessionTests : IDisposable
{
    private readonly CaptureFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Session_record_is_written_once_with_the_execution_environment()
    {
        var pedestal = _fixture.File("p.fits", "p");
        var config = _fixture.File("c.json", "{}");
        using (_fixture.Start(o => o.SessionTag = "LST1-night-20201120"))
        {
            TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), 1, _fixture.Directory);
            TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), 2, _fixture.Directory);
        }

        var session = _fixture.Records(RecordKinds.Session).ShouldHaveSingleItem();
        session.Str("session_tag").ShouldBe("LST1-night-20201120");
        session.GetProperty("cpu_count").GetInt32().ShouldBe(Environment.ProcessorCount);
        session.Str("host").ShouldBe(Environment.MachineName);
        session.Str("runtime").ShouldContain(".NET");
        session.GetProperty("assemblies").GetProperty("Provenance.Capture").GetString().ShouldNotBeNullOrEmpty();
        session.GetProperty("prov_schema").GetInt32().ShouldBe(RecordSchema.Version);
        _fixture.Records(RecordKinds.ActivityStart).ShouldAllBe(s => s.Str("in_session") == session.Str("session_id"));
    }

    [Fact]
    public void Secrets_in_environment_variables_and_proxy_urls_are_redacted()
    {
        Environment.SetEnvironmentVariable("CTA_API_TOKEN", "s3cr3t-token");
        Environment.SetEnvironmentVariable("CTA_DB_PASSWORD", "hunter2");
        Environment.SetEnvironmentVariable("CTA_ARCHIVE", "/fefs/aswg");
        Environment.SetEnvironmentVariable("HTTPS_PROXY", "http://alice:pa55@proxy.example:3128");
        try
        {
            using (_fixture.Start())
            {
            }
        }
        finally
        {
            foreach (var name in new[] { "CTA_API_TOKEN", "CTA_DB_PASSWORD", "CTA_ARCHIVE", "HTTPS_PROXY" })
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }

        var text = File.ReadAllText(_fixture.LogPath);
        text.ShouldNotContain("s3cr3t-token");
        text.ShouldNotContain("hunter2");
        text.ShouldNotContain("pa55");
        var environment = _fixture.Records(RecordKinds.Session).Single().GetProperty("environment");
        environment.Str("CTA_API_TOKEN").ShouldBe(SecretRedactor.Redacted);
        environment.Str("CTA_ARCHIVE").ShouldBe("/fefs/aswg");
        environment.Str("HTTPS_PROXY").ShouldBe("http://***@proxy.example:3128");
    }

    [Theory]
    [InlineData("GITHUB_TOKEN", "abc", "***")]
    [InlineData("aws_secret_access_key", "abc", "***")]
    [InlineData("DB_CREDENTIALS", "abc", "***")]
    [InlineData("ALL_PROXY", "socks5://bob:pw@host:1080", "socks5://***@host:1080")]
    [InlineData("DATA_DIR", "/data/lst", "/data/lst")]
    [InlineData("SSH_PRIVATE_KEY", "-----BEGIN", "***")]
    [InlineData("apikey", "abc", "***")]
    [InlineData("LST_DB_PASSWD", "abc", "***")]
    [InlineData("HTTP_AUTHORIZATION", "Bearer x", "***")]
    [InlineData("CTA_MONKEY_BUSINESS", "abc", "***")]
    [InlineData("MONEY", "abc", "abc")]
    public void Redaction_rules(string name, string value, string expected) => SecretRedactor.Redact(name, value).ShouldBe(expected);

    [Theory]
    [InlineData("lstchain_r0_to_dl1 --input r0.fits.fz", "lstchain_r0_to_dl1 --input r0.fits.fz")]
    [InlineData("tool --token abc --run 1618", "tool --token *** --run 1618")]
    [InlineData("tool --password=hunter2 --run=1618", "tool --password=*** --run=1618")]
    [InlineData("tool --api-key=k1 -o out", "tool --api-key=*** -o out")]
    [InlineData("tool --DB_SECRET s --verbose", "tool --DB_SECRET *** --verbose")]
    [InlineData("tool --proxy https://bob:pw@proxy:3128 --token=", "tool --proxy https://***@proxy:3128 --token=***")]
    [InlineData("tool -k keyfile.txt", "tool -k keyfile.txt")]
    [InlineData("token --name x", "token --name x")]
    public void Command_line_secrets_are_redacted(string commandLine, string expected)
        => SessionInfo.RedactArguments(commandLine.Split(' ')).ShouldBe(expected);

    [Fact]
    public void Config_file_is_copied_once_into_the_content_addressed_archive()
    {
        var pedestal = _fixture.File("p.fits", "p");
        var config = _fixture.File("analysis.json", "{\"cleaning\": [6, 3]}");
        using (var capture = _fixture.Start())
        {
            for (var run = 1; run <= 3; run++)
            {
                TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), run, _fixture.Directory);
            }

            capture.Archive.Root.ShouldBe(Path.Combine(_fixture.Directory, "prov-archive"));
        }

        var archived = Directory.GetFiles(Path.Combine(_fixture.Directory, "prov-archive"), "*", SearchOption.AllDirectories).ShouldHaveSingleItem();
        File.ReadAllText(archived).ShouldBe("{\"cleaning\": [6, 3]}");
        var entity = _fixture.Records(RecordKinds.Entity).Where(e => e.Str("name") == "ConfigFile").ShouldHaveSingleItem();
        entity.Str("archive_path").ShouldBe(archived);
        archived.ShouldContain(entity.Str("hash"));
    }

    [Fact]
    public void A_changed_file_is_hashed_again_and_recorded_as_a_new_entity()
    {
        var pedestal = _fixture.File("p.fits", "version one");
        var config = _fixture.File("c.json", "{}");
        using (_fixture.Start())
        {
            TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), 1, _fixture.Directory);
            File.WriteAllText(pedestal, "version two, longer");
            TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), 1, _fixture.Directory);
        }

        var pedestals = _fixture.Records(RecordKinds.Entity).Where(e => e.Str("name") == "PedestalFile").ToList();
        pedestals.Count.ShouldBe(2);
        pedestals[0].Str("entity_id").ShouldNotBe(pedestals[1].Str("entity_id"));
    }

    [Fact]
    public void Missing_input_file_is_a_warning_record_not_a_crash()
    {
        var config = _fixture.File("c.json", "{}");
        var missing = Path.Combine(_fixture.Directory, "no-such-pedestal.fits");
        using (_fixture.Start())
        {
            Should.Throw<FileNotFoundException>(() => TestPipeline.Calibrate(missing, new CalibrationSettings(1, config), 1, _fixture.Directory));
        }

        var warning = _fixture.Records(RecordKinds.Warning).ShouldHaveSingleItem();
        warning.Str("message").ShouldContain(missing);
        var entity = _fixture.Records(RecordKinds.Entity).Single(e => e.Str("name") == "PedestalFile");
        entity.GetProperty("missing").GetBoolean().ShouldBeTrue();
        _fixture.Records(RecordKinds.ActivityEnd).ShouldHaveSingleItem().Str("status").ShouldBe(ActivityStatus.Failed);
    }

    [Fact]
    public void File_collection_records_its_members()
    {
        var inputs = Enumerable.Range(0, 3).Select(i => _fixture.File($"part{i}.txt", $"part {i}")).ToList();
        var output = Path.Combine(_fixture.Directory, "merged.txt");
        using (_fixture.Start())
        {
            TestPipeline.Collect(inputs, output);
        }

        var collection = _fixture.Records(RecordKinds.Entity).Single(e => e.Str("type") == "FileCollection");
        collection.GetProperty("member_ids").GetArrayLength().ShouldBe(3);
        var start = _fixture.Records(RecordKinds.ActivityStart).Single();
        start.GetProperty("used").EnumerateArray().Single().Str("used_id").ShouldBe(collection.Str("entity_id"));
    }

    [Fact]
    public void Files_given_as_file_objects_strings_and_path_like_values_a_folder_as_a_collection_and_a_value_are_each_recorded()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_fixture.Directory, "set")).FullName;
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        foreach (var name in new[] { "b.dat", "sub/c.dat", "a.dat" })
        {
            File.WriteAllText(Path.Combine(folder, name), name);
        }

        var (first, second, third) = (_fixture.File("first.dat", "1"), _fixture.File("second.dat", "2"), _fixture.File("third.dat", "3"));
        using (_fixture.Start())
        {
            TestPipeline.Gather([new FileInfo(first), null, second, new PathText(third)], folder, 2.5);
            TestPipeline.Gather([], folder, 2.5);
        }

        var starts = _fixture.Records(RecordKinds.ActivityStart);
        List<string?> Used(System.Text.Json.JsonElement start, string role)
            => [.. start.GetProperty("used").EnumerateArray().Where(u => u.Str("used_role") == role).Select(u => u.Str("used_id"))];
        Used(starts[0], "parts").ShouldBe([CaptureFixture.FileEntityId(first), CaptureFixture.FileEntityId(second), CaptureFixture.FileEntityId(third)], "the null item is passed over");
        Used(starts[1], "parts").ShouldBeEmpty();

        var entities = _fixture.Records(RecordKinds.Entity);
        var collection = entities.Where(e => e.Str("type") == "FileCollection").ShouldHaveSingleItem("the same folder with the same files is one collection");
        collection.Str("location").ShouldBe(folder);
        collection.GetProperty("member_ids").EnumerateArray().Select(m => m.GetString()).ShouldBe(
            new[] { "a.dat", "b.dat", "sub/c.dat" }.Select(name => CaptureFixture.FileEntityId(Path.Combine(folder, name))),
            "every file under the folder, in ordinal order of their paths");
        Used(starts[0], "folder").ShouldBe([collection.Str("entity_id")]);
        Used(starts[1], "folder").ShouldBe([collection.Str("entity_id")]);

        var value = entities.Where(e => e.Str("type") == "Value").ShouldHaveSingleItem("the same value is recorded once");
        value.GetProperty("value").GetDouble().ShouldBe(2.5);
        value.Str("name").ShouldBe("Threshold");
        Used(starts[0], "threshold").ShouldBe([value.Str("entity_id")]);
        Used(starts[1], "threshold").ShouldBe([value.Str("entity_id")]);
    }

    [Fact]
    public void A_folder_where_the_model_says_a_file_is_recorded_as_unreadable_not_missing_with_a_warning_and_the_call_goes_on()
    {
        // A folder where the model says a file: it exists, but there is no content to hash.
        var folder = Directory.CreateDirectory(Path.Combine(_fixture.Directory, "a-folder.dat")).FullName;
        var empty = EmptyFolder();
        using (_fixture.Start())
        {
            TestPipeline.Gather([folder], empty, 1).ShouldBe(2 + empty.Length);
        }

        var entity = _fixture.Records(RecordKinds.Entity).Single(e => e.TryGetProperty("location", out var location) && location.GetString() == folder);
        entity.Str("problem").ShouldBe(EntityProblems.Unreadable);
        entity.TryGetProperty("hash", out _).ShouldBeFalse("nothing was read");
        entity.TryGetProperty("missing", out _).ShouldBeFalse("it is there");
        _fixture.Records(RecordKinds.Warning).ShouldHaveSingleItem().Str("message").ShouldBe($"used DataFile file '{folder}' is a folder, not a file");
        _fixture.Records(RecordKinds.ActivityEnd).ShouldHaveSingleItem().Str("status").ShouldBe("succeeded");
    }

    [Fact]
    public void A_file_identified_by_path_needs_no_file_and_one_not_hashed_is_recorded_with_its_size_only()
    {
        var nowhere = Path.Combine(_fixture.Directory, "not-yet-there.dat");
        var unhashed = _fixture.File("unhashed.dat", "four");
        using (_fixture.Start())
        {
            TestPipeline.Identify(nowhere, unhashed);
        }

        var entities = _fixture.Records(RecordKinds.Entity);
        var byPath = entities.Single(e => e.Str("name") == "PathNamedFile");
        byPath.Str("hash").ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(nowhere))), "the md5 of the path's text");
        byPath.Str("hash_type").ShouldBe("md5");
        byPath.Str("entity_id").ShouldBe(byPath.Str("hash"));
        byPath.TryGetProperty("missing", out _).ShouldBeFalse("a path identity does not ask whether the file is there");
        byPath.TryGetProperty("size", out _).ShouldBeFalse();

        var plain = entities.Single(e => e.Str("name") == "UnhashedFile");
        plain.GetProperty("size").GetInt64().ShouldBe(4);
        plain.TryGetProperty("hash", out _).ShouldBeFalse();
        plain.TryGetProperty("hash_type", out _).ShouldBeFalse("no hash, no hash type");
        _fixture.Records(RecordKinds.Warning).ShouldBeEmpty();
    }

    [Fact]
    public void A_missing_input_that_becomes_a_folder_is_recorded_again_with_its_new_problem()
    {
        var path = Path.Combine(_fixture.Directory, "later.dat");
        var empty = EmptyFolder();
        using (_fixture.Start())
        {
            TestPipeline.Gather([path], empty, 1);
            Directory.CreateDirectory(path);
            TestPipeline.Gather([path], empty, 1);
        }

        var records = _fixture.Records(RecordKinds.Entity).Where(e => e.Str("name") == "DataFile").ToList();
        records.Count.ShouldBe(2, "the same id (the path's hash), another state");
        records[0].GetProperty("missing").GetBoolean().ShouldBeTrue();
        records[1].Str("problem").ShouldBe(EntityProblems.Unreadable);
        records[1].TryGetProperty("missing", out _).ShouldBeFalse();
    }

    [Fact]
    public void In_a_dry_run_an_input_that_is_not_there_is_not_reported_missing()
    {
        var path = Path.Combine(_fixture.Directory, "made-by-an-earlier-step.dat");
        var empty = EmptyFolder();
        using (_fixture.Start(o => o.DryRun = true))
        {
            TestPipeline.Gather([path], empty, 1);
        }

        var entity = _fixture.Records(RecordKinds.Entity).Single(e => e.Str("name") == "DataFile");
        entity.TryGetProperty("missing", out _).ShouldBeFalse("nothing was processed: earlier steps made no files either");
        _fixture.Records(RecordKinds.Warning).ShouldBeEmpty();
    }

    // A folder for the gather activity's collection role that holds nothing (the fixture's own folder holds the log).
    private string EmptyFolder() => Directory.CreateDirectory(Path.Combine(_fixture.Directory, "empty")).FullName;

    [Fact]
    public void Dependency_injection_starts_capture_with_the_container_logger_factory()
    {
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.AddProvenanceFile(_fixture.LogPath));
        services.AddProvenanceCapture(o =>
        {
            o.ModelPath = CaptureFixture.ModelPath;
            o.SessionTag = "di";
        });
        using (var provider = services.BuildServiceProvider())
        {
            provider.StartProvenanceCapture().SessionTag.ShouldBe("di");
            new TestPipeline().Inner("di").ShouldBe(2);
        }

        _fixture.Records(RecordKinds.Session).ShouldHaveSingleItem().Str("session_tag").ShouldBe("di");
        var start = _fixture.Records(RecordKinds.ActivityStart).ShouldHaveSingleItem();
        start.Str("name").ShouldBe("inner");
        _fixture.Records(RecordKinds.ActivityEnd).ShouldHaveSingleItem().Str("activity_id").ShouldBe(start.Str("activity_id"));
    }

    [Fact]
    public void Records_routed_through_the_general_serilog_provider_keep_their_objects()
    {
        // A user's own logging set-up (AddSerilog) rather than the file helper: Serilog turns only real
        // dictionaries into JSON objects, so record items must be dictionaries.
        var pedestal = _fixture.File("p.fits", "p");
        var config = _fixture.File("c.json", "{}");
        var serilog = new Serilog.LoggerConfiguration().MinimumLevel.Verbose()
            .WriteTo.File(new Serilog.Formatting.Compact.CompactJsonFormatter(), _fixture.LogPath).CreateLogger();
        using (var factory = LoggerFactory.Create(builder => builder.AddSerilog(serilog, dispose: true)))
        using (ProvenanceCapture.Start(_fixture.Options(o => o.LogPath = null), factory))
        {
            TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), 1, _fixture.Directory);
        }

        var start = _fixture.Records(RecordKinds.ActivityStart).ShouldHaveSingleItem();
        start.GetProperty("parameters").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Object);
        start.GetProperty("used").EnumerateArray().Select(u => u.Str("used_role")).ShouldBe(["pedestal", "config"]);
        var end = _fixture.Records(RecordKinds.ActivityEnd).ShouldHaveSingleItem();
        end.GetProperty("generated").EnumerateArray().Single().Str("generated_role").ShouldBe("calibration");
        end.GetProperty("derivations").EnumerateArray().Select(d => d.Str("progenitor_id"))
            .ShouldBe(start.GetProperty("used").EnumerateArray().Select(u => u.Str("used_id")));
    }

    [Fact]
    public void The_file_logger_under_an_application_logger_keeps_only_prov_records()
    {
        // The file helper's logger as a sub-logger of an application's own Serilog pipeline: records come
        // with the Provenance category (Serilog's general provider) or none (the record provider's own events).
        using (var file = ClefLogging.CreateFileLogger(_fixture.LogPath))
        using (var application = new Serilog.LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Logger(file).CreateLogger())
        {
            application.Information("Night {Night} starts", "2020-11-20");
            application.ForContext("SourceContext", "Lst.Sequencer").Information("PROV {prov_kind}", RecordKinds.Warning);
            application.ForContext("SourceContext", RecordSchema.Category).Information("PROV {prov_kind}", RecordKinds.Warning);
            application.Information("PROV {prov_kind}", RecordKinds.Session);
        }

        _fixture.Records().Select(r => r.Str("prov_kind")).ShouldBe([RecordKinds.Warning, RecordKinds.Session]);
    }

    [Fact]
    public void Records_survive_a_process_that_never_disposes_its_capture()
    {
        var capture = _fixture.Start();
        try
        {
            new TestPipeline().Inner("x");
            // Read while the logger is still open: the records must already be in the OS's hands.
            using var stream = new FileStream(_fixture.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var lines = new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            lines.Length.ShouldBe(3);
        }
        finally
        {
            capture.Dispose();
        }
    }
}

[Collection(SelfLogCollection.Name)]
public sealed class LogFileTests : IDisposable
{
    private readonly CaptureFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Writers_appending_to_one_log_at_once_lose_and_mix_no_record()
    {
        // Two loggers on one file hold two open file descriptions, as two jobs sharing a log would.
        var loggers = new[] { ClefLogging.CreateFileLogger(_fixture.LogPath), ClefLogging.CreateFileLogger(_fixture.LogPath) };
        const int Workers = 8, PerWorker = 1500;
        Parallel.For(0, Workers, new ParallelOptions { MaxDegreeOfParallelism = Workers }, worker =>
        {
            var logger = loggers[worker % 2].ForContext("SourceContext", RecordSchema.Category);
            for (var i = 0; i < PerWorker; i++)
            {
                // Some records span several pages, where a torn write would show.
                logger.Information("PROV {prov_kind} {worker} {index} {padding}", RecordKinds.Warning, worker, i, new string('x', i % 10 == 0 ? 9000 : i % 300));
            }
        });
        foreach (var logger in loggers)
        {
            logger.Dispose();
        }

        var seen = new HashSet<(int, int)>();
        foreach (var line in File.ReadLines(_fixture.LogPath))
        {
            var record = System.Text.Json.JsonDocument.Parse(line).RootElement;
            seen.Add((record.GetProperty("worker").GetInt32(), record.GetProperty("index").GetInt32())).ShouldBeTrue();
            record.GetProperty("padding").GetString()!.Length.ShouldBe(record.GetProperty("index").GetInt32() % 10 == 0 ? 9000 : record.GetProperty("index").GetInt32() % 300);
        }

        seen.Count.ShouldBe(Workers * PerWorker);
    }

    [Fact]
    public void The_file_helper_formats_every_value_exactly_as_Serilogs_compact_formatter()
    {
        object?[] values =
        [
            "plain/path/r0.fits.fz", string.Empty, "quote \" inside", "back\\slash", "line\nbreak\ttab\r", "\u0001\u001f control",
            "accents é ü and 𝛼 (a surrogate pair)", "</script> & 'single'", "\u007f\u2028", 1618, -7L, 0.1, 1e300, double.NaN, 2.5f, 12.50m,
            true, false, null, (byte)3, new DateTimeOffset(2020, 11, 20, 23, 1, 2, TimeSpan.FromHours(1)), new DateTime(2020, 11, 20), TimeSpan.FromSeconds(90),
            'c', Guid.Empty, new Uri("file:///data/a b"),
        ];
        var properties = values.Select((v, i) => new Serilog.Events.LogEventProperty($"p{i}", new Serilog.Events.ScalarValue(v))).ToList();
        properties.Add(new("structure", new Serilog.Events.StructureValue([new("id", new Serilog.Events.ScalarValue("a\"b")), new("n", new Serilog.Events.ScalarValue(1))])));
        properties.Add(new("sequence", new Serilog.Events.SequenceValue([new Serilog.Events.ScalarValue("x"), new Serilog.Events.ScalarValue("y\\z")])));
        var logEvent = new Serilog.Events.LogEvent(DateTimeOffset.UtcNow, Serilog.Events.LogEventLevel.Information, null,
            new Serilog.Parsing.MessageTemplateParser().Parse(RecordSchema.MessageTemplate), properties);

        static string Format(Serilog.Formatting.ITextFormatter formatter, Serilog.Events.LogEvent e)
        {
            var text = new StringWriter();
            formatter.Format(e, text);
            return text.ToString();
        }

        var fast = Format(new Serilog.Formatting.Compact.CompactJsonFormatter(new ClefValueFormatter()), logEvent);
        fast.ShouldBe(Format(new Serilog.Formatting.Compact.CompactJsonFormatter(), logEvent));
        fast.ShouldContain("\"accents é ü and 𝛼 (a surrogate pair)\"");
    }

    [Fact]
    public void A_map_changed_between_two_records_is_written_as_it_is_at_each()
    {
        // The provider keeps what it made of a map by reference; capture never changes a map once written,
        // but a record built by someone else may carry the same map again after changing it.
        var map = new Dictionary<string, object?> { ["gain"] = 1.5, ["mode"] = "fast" };
        using (var provider = new ClefRecordLoggerProvider(ClefLogging.CreateFileLogger(_fixture.LogPath)))
        {
            var logger = provider.CreateLogger(RecordSchema.Category);
            void Write() => logger.Log(LogLevel.Information, default, new ProvRecord(RecordKinds.Warning).Add(RecordFields.Parameters, map), null, (r, _) => r.ToString());
            Write();
            map["gain"] = 2.5;
            Write();
            map["mode"] = null;
            map["extra"] = 7;
            Write();
        }

        var written = File.ReadLines(_fixture.LogPath).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("parameters").GetRawText()).ToList();
        written.ShouldBe(["{\"gain\":1.5,\"mode\":\"fast\"}", "{\"gain\":2.5,\"mode\":\"fast\"}", "{\"gain\":2.5,\"mode\":null,\"extra\":7}"]);
    }

    [Fact]
    public void A_record_that_cannot_be_appended_is_reported_naming_the_log()
    {
        Assert.SkipUnless(File.Exists("/dev/full"), "needs /dev/full, a file whose every write fails for lack of space");
        var reports = new System.Collections.Concurrent.ConcurrentQueue<string>();
        SelfLog.Enable(reports.Enqueue);
        try
        {
            using var logger = ClefLogging.CreateFileLogger("/dev/full");
            logger.ForContext("SourceContext", RecordSchema.Category).Information("PROV {prov_kind}", RecordKinds.Warning);
        }
        finally
        {
            SelfLog.Disable();
        }

        // Other tests may report at the same time: look for this one's line.
        reports.ShouldContain(r => r.Contains("cannot append to the provenance log '/dev/full'"));
    }

    [Fact]
    public void A_log_that_cannot_be_opened_is_refused_at_start_up_naming_the_file()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_fixture.Directory, "a-folder")).FullName;
        var error = Should.Throw<IOException>(() => _fixture.Start(o => o.LogPath = folder));
        error.Message.ShouldContain(folder);
    }
}

public sealed class InputCheckIntervalTests : IDisposable
{
    private readonly CaptureFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Within_the_interval_an_unwatched_input_is_trusted_but_outputs_are_always_checked()
    {
        var pedestal = _fixture.File("p.fits", "version one");
        var config = _fixture.File("c.json", "{}");
        using (_fixture.Start(o =>
               {
                   o.WatchFiles = false;
                   o.InputCheckInterval = TimeSpan.FromHours(1);
               }))
        {
            TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), 1, _fixture.Directory);
            File.WriteAllText(pedestal, "version two, longer");
            TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), 1, _fixture.Directory);
        }

        _fixture.Records(RecordKinds.Entity).Count(e => e.Str("name") == "PedestalFile").ShouldBe(1, "the input was trusted for the hour");
        var outputs = _fixture.Records(RecordKinds.Entity).Where(e => e.Str("name") == "CalibrationFile").ToList();
        outputs.Count.ShouldBe(2, "the rewritten output is hashed again");
    }
}

public sealed class InMemoryRecordProviderTests
{
    [Fact]
    public void Users_tests_can_assert_on_records_kept_in_memory()
    {
        var records = new InMemoryRecordProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(records));
        using (ProvenanceCapture.Start(new ProvenanceOptions { ModelPath = CaptureFixture.ModelPath, DryRun = false }, factory))
        {
            new TestPipeline().Outer("memory").ShouldBe(13);
        }

        records.OfKind(RecordKinds.Session).ShouldHaveSingleItem();
        records.OfKind(RecordKinds.ActivityStart).Select(r => r.Get(RecordFields.Name)).ShouldBe(["outer", "inner"]);
        var inner = records.OfKind(RecordKinds.ActivityStart)[1];
        inner.Get(RecordFields.ParentActivityId).ShouldBe(records.OfKind(RecordKinds.ActivityStart)[0].Get(RecordFields.ActivityId));
        records.OfKind(RecordKinds.ActivityEnd).ShouldAllBe(r => (string?)r.Get(RecordFields.Status) == ActivityStatus.Succeeded);
    }
}
