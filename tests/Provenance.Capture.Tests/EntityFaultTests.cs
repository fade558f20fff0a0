using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Provenance.Capture.Entities;
using Provenance.Capture.Records;
using Provenance.Capture.Tests.Pipeline;

namespace Provenance.Capture.Tests;

/// <summary>An entity is a file at a location in a version; a file that cannot be identified or archived is marked, never the reason an activity is lost.</summary>
public sealed class EntityFaultTests : IDisposable
{
    private readonly CaptureFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private List<JsonElement> Entities(string name) => _fixture.Records(RecordKinds.Entity).Where(e => e.Str("name") == name).ToList();

    private void ShouldHaveRecordedTheCallWhole(string activity)
    {
        var start = _fixture.Records(RecordKinds.ActivityStart).ShouldHaveSingleItem();
        start.Str("name").ShouldBe(activity);
        _fixture.Records(RecordKinds.ActivityEnd).ShouldHaveSingleItem().Str("activity_id").ShouldBe(start.Str("activity_id"));
    }

    [Fact]
    public void Two_files_with_the_same_bytes_at_two_locations_are_two_entities_with_one_content_hash()
    {
        var data = _fixture.File("data.txt", "same bytes");
        var settings = _fixture.File("settings.txt", "same bytes");
        using (_fixture.Start())
        {
            TestPipeline.Inspect(data, new CalibrationSettings(1, settings));
        }

        var inspected = Entities("InspectedFile").ShouldHaveSingleItem();
        var setting = Entities("InspectedSettings").ShouldHaveSingleItem();
        inspected.Str("entity_id").ShouldNotBe(setting.Str("entity_id"));
        (inspected.Str("location"), setting.Str("location")).ShouldBe((data, settings));
        inspected.Str("hash").ShouldBe(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes("same bytes"))));
        setting.Str("hash").ShouldBe(inspected.Str("hash"), "equal content stays findable by its hash");
    }

    [Fact]
    public void A_file_rewritten_with_equal_bytes_is_a_new_version_generated_once()
    {
        var pedestal = _fixture.File("p.fits", "pedestal");
        var config = _fixture.File("c.json", "{}");
        using (_fixture.Start())
        {
            TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), 1, _fixture.Directory);
            var output = Path.Combine(_fixture.Directory, "calibration_Run00001.txt");
            var written = File.GetLastWriteTimeUtc(output);
            TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), 1, _fixture.Directory);
            if (File.GetLastWriteTimeUtc(output) == written)
            {
                File.SetLastWriteTimeUtc(output, written.AddSeconds(1));
                TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), 1, _fixture.Directory);
            }
        }

        var outputs = Entities("CalibrationFile");
        outputs.Count.ShouldBeGreaterThanOrEqualTo(2);
        outputs.Select(e => e.Str("entity_id")).Distinct().Count().ShouldBe(outputs.Count, "each rewrite is its own entity");
        outputs.Select(e => e.Str("hash")).Distinct().ShouldHaveSingleItem();
        var generatedIds = _fixture.Records(RecordKinds.ActivityEnd).SelectMany(e => e.GetProperty("generated").EnumerateArray()).Select(g => g.Str("generated_id")).ToList();
        generatedIds.Distinct().Count().ShouldBe(generatedIds.Count, "one generation per entity");
    }

    [Fact]
    public void An_input_that_exists_but_cannot_be_read_is_marked_unreadable_and_the_call_is_recorded()
    {
        // Unreadable even for root (CI runs as root, which mode 000 does not stop): reading a process's
        // memory at offset 0 fails with an I/O error.
        const string unreadable = "/proc/self/mem";
        var settings = _fixture.File("settings.txt", "{}");
        using (_fixture.Start())
        {
            // The body fails reading it too; the call is recorded as failed.
            Should.Throw<IOException>(() => TestPipeline.Inspect(unreadable, new CalibrationSettings(1, settings)));
        }

        ShouldHaveRecordedTheCallWhole("inspect");
        var entity = Entities("InspectedFile").ShouldHaveSingleItem();
        entity.Str("problem").ShouldBe(EntityProblems.Unreadable);
        entity.StrOrNull("hash").ShouldBeNull();
        entity.Str("entity_id").ShouldBe(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(unreadable))), "its id is its path's");
        _fixture.Records(RecordKinds.Warning).ShouldHaveSingleItem().Str("message").ShouldContain($"'{unreadable}' cannot be read");
    }

    [Fact]
    public void A_dangling_link_as_input_is_recorded_with_the_call()
    {
        var link = Path.Combine(_fixture.Directory, "dangling.txt");
        File.CreateSymbolicLink(link, Path.Combine(_fixture.Directory, "nowhere.txt"));
        var settings = _fixture.File("settings.txt", "{}");
        using (_fixture.Start())
        {
            Should.Throw<IOException>(() => TestPipeline.Inspect(link, new CalibrationSettings(1, settings)));
        }

        ShouldHaveRecordedTheCallWhole("inspect");
        var entity = Entities("InspectedFile").ShouldHaveSingleItem();
        (entity.TryGetProperty("missing", out _) || entity.StrOrNull("problem") == EntityProblems.Unreadable).ShouldBeTrue(entity.ToString());
        _fixture.Records(RecordKinds.Warning).ShouldHaveSingleItem().Str("message").ShouldContain(link);
    }

    [Fact]
    public void An_archive_that_cannot_be_written_marks_the_file_not_archived_and_keeps_its_hash()
    {
        File.WriteAllText(Path.Combine(_fixture.Directory, "prov-archive"), "a file where the archive folder should be");
        var pedestal = _fixture.File("p.fits", "p");
        var config = _fixture.File("c.json", "{\"cleaning\": [6, 3]}");
        using (_fixture.Start())
        {
            TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), 1, _fixture.Directory);
        }

        ShouldHaveRecordedTheCallWhole("calibrate");
        var entity = Entities("ConfigFile").ShouldHaveSingleItem();
        entity.Str("problem").ShouldBe(EntityProblems.NotArchived);
        entity.Str("hash").ShouldBe(Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(config))));
        entity.TryGetProperty("archive_path", out _).ShouldBeFalse();
        _fixture.Records(RecordKinds.Warning).ShouldHaveSingleItem().Str("message").ShouldContain("not archived");
    }

    [Theory]
    [InlineData("direct")]
    [InlineData("through a linked folder")]
    public void A_kernel_file_marked_copy_is_hashed_but_never_archived(string how)
    {
        var config = how == "direct" ? "/proc/cpuinfo" : Path.Combine(LinkedFolder("/proc"), "cpuinfo");
        var pedestal = _fixture.File("p.fits", "p");
        using (_fixture.Start())
        {
            TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), 1, _fixture.Directory);
        }

        ShouldHaveRecordedTheCallWhole("calibrate");
        var entity = Entities("ConfigFile").ShouldHaveSingleItem();
        entity.Str("problem").ShouldBe(EntityProblems.NotArchived);
        entity.TryGetProperty("archive_path", out _).ShouldBeFalse();
        _fixture.Records(RecordKinds.Warning).ShouldHaveSingleItem().Str("message").ShouldContain($"'{config}' is a kernel or device file (/proc)");
        ArchivedFiles().ShouldBeEmpty();
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void A_file_others_may_not_read_is_not_copied_into_the_archive()
    {
        var config = _fixture.File("credentials.json", "{\"user\": \"lst\"}");
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var pedestal = _fixture.File("p.fits", "p");
        using (_fixture.Start())
        {
            TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), 1, _fixture.Directory);
        }

        ShouldHaveRecordedTheCallWhole("calibrate");
        var entity = Entities("ConfigFile").ShouldHaveSingleItem();
        entity.Str("problem").ShouldBe(EntityProblems.NotArchived);
        entity.Str("hash").ShouldBe(Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(config))), "still hashed: its content is known, not kept");
        _fixture.Records(RecordKinds.Warning).ShouldHaveSingleItem().Str("message").ShouldContain("is not readable by others (mode 600)");
        ArchivedFiles().ShouldBeEmpty();
    }

    private string LinkedFolder(string target)
    {
        var link = Path.Combine(_fixture.Directory, "linked");
        Directory.CreateSymbolicLink(link, target);
        return link;
    }

    private string[] ArchivedFiles()
    {
        var archive = Path.Combine(_fixture.Directory, "prov-archive");
        return Directory.Exists(archive) ? Directory.GetFiles(archive, "*", SearchOption.AllDirectories) : [];
    }

    [Fact]
    public void A_link_planted_where_the_archived_copy_goes_is_not_followed_and_the_file_it_names_is_untouched()
    {
        var config = _fixture.File("c.json", "{\"cleaning\": [6, 3]}");
        var hash = Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(config)));
        var entry = Directory.CreateDirectory(Path.Combine(_fixture.Directory, "prov-archive", hash[..2], hash)).FullName;
        var victim = _fixture.File("victim.txt", "keep me");
        File.CreateSymbolicLink(Path.Combine(entry, "c.json"), victim);
        var pedestal = _fixture.File("p.fits", "p");
        using (_fixture.Start())
        {
            TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), 1, _fixture.Directory);
        }

        File.ReadAllText(victim).ShouldBe("keep me");
        Directory.GetFiles(Path.Combine(_fixture.Directory, "prov-archive"), "*.tmp", SearchOption.AllDirectories).ShouldBeEmpty();
        Entities("ConfigFile").ShouldHaveSingleItem().Str("problem").ShouldBe(EntityProblems.NotArchived);
        _fixture.Records(RecordKinds.Warning).ShouldHaveSingleItem().Str("message").ShouldContain($"the archive entry '{Path.Combine(entry, "c.json")}' is a symbolic link: not followed");
        ShouldHaveRecordedTheCallWhole("calibrate");
    }

    [Fact]
    public void Nothing_there_is_no_reason_to_refuse_archiving()
        => ContentArchive.RefusalOf(Path.Combine(_fixture.Directory, "nothing.json")).ShouldBeNull();

    [Fact]
    public void A_link_planted_inside_the_archive_is_not_followed_and_no_temporary_file_is_left()
    {
        var config = _fixture.File("c.json", "{\"cleaning\": [6, 3]}");
        var hash = Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(config)));
        var archive = Directory.CreateDirectory(Path.Combine(_fixture.Directory, "prov-archive")).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(_fixture.Directory, "outside")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(archive, hash[..2]), outside);
        var pedestal = _fixture.File("p.fits", "p");
        using (_fixture.Start())
        {
            TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), 1, _fixture.Directory);
        }

        Directory.GetFileSystemEntries(outside, "*", SearchOption.AllDirectories).ShouldBeEmpty("nothing written through the link");
        Directory.GetFiles(archive, "*.tmp", SearchOption.AllDirectories).ShouldBeEmpty();
        Entities("ConfigFile").ShouldHaveSingleItem().Str("problem").ShouldBe(EntityProblems.NotArchived);
        _fixture.Records(RecordKinds.Warning).ShouldHaveSingleItem().Str("message").ShouldContain("symbolic link");
        ShouldHaveRecordedTheCallWhole("calibrate");
    }

    [Fact]
    public void The_archived_copy_is_the_content_its_hash_names()
    {
        var config = _fixture.File("c.json", "{\"cleaning\": [6, 3]}");
        var pedestal = _fixture.File("p.fits", "p");
        using (_fixture.Start())
        {
            TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), 1, _fixture.Directory);
            File.WriteAllText(config, "{\"cleaning\": [8, 4]}   ");
            TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), 2, _fixture.Directory);
        }

        var configs = Entities("ConfigFile");
        configs.Count.ShouldBe(2);
        foreach (var entity in configs)
        {
            Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(entity.Str("archive_path")))).ShouldBe(entity.Str("hash"));
        }
    }

    [Fact]
    public void Twenty_calls_with_an_archive_that_cannot_be_written_are_all_recorded()
    {
        File.WriteAllText(Path.Combine(_fixture.Directory, "prov-archive"), "a file where the archive folder should be");
        var pedestal = _fixture.File("p.fits", "p");
        using (_fixture.Start())
        {
            for (var call = 0; call < 20; call++)
            {
                // A new config version per call: each one is hashed and each copy fails.
                var config = _fixture.File("c.json", $"{{\"cleaning\": [6, {call}]}}");
                TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), call, _fixture.Directory);
            }
        }

        var (starts, ends) = (_fixture.Records(RecordKinds.ActivityStart).Count, _fixture.Records(RecordKinds.ActivityEnd).Count);
        var unarchived = Entities("ConfigFile").Count(e => e.StrOrNull("problem") == EntityProblems.NotArchived);
        TestContext.Current.TestOutputHelper?.WriteLine($"20 calls with an unwritable archive: {starts} starts, {ends} ends recorded, {unarchived} config versions marked not_archived");
        (starts, ends, unarchived).ShouldBe((20, 20, 20));
    }

    [Fact]
    public async Task A_config_rewritten_during_a_thousand_calls_is_archived_under_the_hash_of_the_bytes_copied()
    {
        var config = _fixture.File("c.json", "{\"cleaning\": [6, 3]}");
        var pedestal = _fixture.File("p.fits", "p");
        using var stop = new CancellationTokenSource();
        var rewrites = 0;
        using (_fixture.Start())
        {
            var writer = Task.Run(
                () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        // Each version a different length, written in place: a copy can catch it half written.
                        File.WriteAllText(config, "{\"cleaning\": [" + new string('6', 1 + (rewrites++ % 50)) + "]}");
                    }
                },
                TestContext.Current.CancellationToken);
            for (var call = 0; call < 1000; call++)
            {
                TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), call % 5, _fixture.Directory);
            }

            await stop.CancelAsync();
            await writer;
        }

        var archived = Directory.GetFiles(Path.Combine(_fixture.Directory, "prov-archive"), "*", SearchOption.AllDirectories);
        var wrong = archived.Count(file => Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(file))) != Path.GetFileName(Path.GetDirectoryName(file)));
        TestContext.Current.TestOutputHelper?.WriteLine($"1000 calls, {rewrites} rewrites of the config: {archived.Length} archive files, {wrong} under a hash that is not their content's");
        archived.Length.ShouldBeGreaterThan(1);
        wrong.ShouldBe(0);
        archived.ShouldAllBe(file => !file.EndsWith(".tmp", StringComparison.Ordinal));
    }
}
