using Provenance.Capture.Records;
using Provenance.Capture.Tests.Pipeline;

namespace Provenance.Capture.Tests;

/// <summary>
/// Watched files (Linux inotify): untouched files are not looked at again, and every kind of change
/// made before a call is seen, including those a size-and-time check misses.
/// </summary>
public sealed class FileWatchTests : IDisposable
{
    private readonly CaptureFixture _fixture = new();

    public FileWatchTests() => KernelView.WatchFor(_fixture.Directory).Watch.Dispose();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Untouched_files_are_checked_once_however_many_calls_use_them()
    {
        var (pedestal, settings) = Inputs();
        using var capture = _fixture.Start();
        ReadOnly(pedestal, settings);
        var afterFirst = capture.FileChecks;
        afterFirst.ShouldBe(2, "both inputs, once each");
        for (var i = 0; i < 50; i++)
        {
            ReadOnly(pedestal, settings);
        }

        (capture.FileChecks - afterFirst).ShouldBe(0, "nothing touched the inputs");
        File.AppendAllText(pedestal, "!");
        ReadOnly(pedestal, settings);
        (capture.FileChecks - afterFirst).ShouldBe(1, "the changed input, and only it, is looked at again");
    }

    [Fact]
    public void An_input_rewritten_with_the_same_size_and_time_is_hashed_again()
        => HashesAround(pedestal => RewriteKeepingSizeAndTime(pedestal, "version TWO")).ShouldBe(BothVersions);

    [Fact]
    public void Without_the_watch_the_change_time_still_sees_a_rewrite_keeping_size_and_time()
    {
        // Size and modification time cannot tell these versions apart; the status-change time, which no
        // tool can set back, can (network file systems, where nothing is watched, rely on it).
        HashesAround(pedestal => RewriteKeepingSizeAndTime(pedestal, "version TWO"), o => o.WatchFiles = false)
            .ShouldBe(BothVersions);
    }

    [Fact]
    public void Without_the_watch_a_file_replaced_by_a_rename_is_hashed_again()
        => HashesAround(pedestal =>
        {
            var replacement = _fixture.File("incoming.tmp", "version TWO");
            File.SetLastWriteTimeUtc(replacement, File.GetLastWriteTimeUtc(pedestal));
            File.Move(replacement, pedestal, overwrite: true);
        }, o => o.WatchFiles = false).ShouldBe(BothVersions);

    [Fact]
    public void An_input_replaced_by_a_rename_is_hashed_again()
        => HashesAround(pedestal =>
        {
            var replacement = _fixture.File("incoming.tmp", "version TWO");
            File.SetLastWriteTimeUtc(replacement, File.GetLastWriteTimeUtc(pedestal));
            File.Move(replacement, pedestal, overwrite: true);
        }).ShouldBe(BothVersions);

    [Fact]
    public void A_change_through_another_hard_link_is_seen()
        => HashesAround(pedestal =>
        {
            var link = Path.Combine(_fixture.Directory, "link.fits");
            Link(pedestal, link);
            RewriteKeepingSizeAndTime(link, "version TWO");
        }).ShouldBe(BothVersions);

    [Fact]
    public void Renaming_a_folder_above_the_file_and_putting_another_in_its_place_is_seen()
    {
        var nested = Directory.CreateDirectory(Path.Combine(_fixture.Directory, "night", "calib")).FullName;
        var pedestal = Path.Combine(nested, "pedestal.fits");
        File.WriteAllText(pedestal, "version one");
        var (_, settings) = Inputs();
        using (_fixture.Start())
        {
            ReadOnly(pedestal, settings);
            var time = File.GetLastWriteTimeUtc(pedestal);
            Directory.Move(Path.Combine(_fixture.Directory, "night"), Path.Combine(_fixture.Directory, "night.old"));
            Directory.CreateDirectory(nested);
            File.WriteAllText(pedestal, "version TWO");
            File.SetLastWriteTimeUtc(pedestal, time);
            ReadOnly(pedestal, settings);
        }

        PedestalHashes().ShouldBe([Md5("version one"), Md5("version TWO")]);
    }

    [Theory]
    [InlineData("renamed over", true)]
    [InlineData("deleted and made again", true)]
    [InlineData("renamed over", false)]
    [InlineData("deleted and made again", false)]
    public void Switching_a_folder_link_on_the_path_to_another_version_is_seen(string how, bool watch)
    {
        // data -> v1 becomes data -> v2; both files have the same name, size and time, other bytes.
        var v1 = Directory.CreateDirectory(Path.Combine(_fixture.Directory, "v1")).FullName;
        var v2 = Directory.CreateDirectory(Path.Combine(_fixture.Directory, "v2")).FullName;
        File.WriteAllText(Path.Combine(v1, "p.fits"), "version one");
        File.WriteAllText(Path.Combine(v2, "p.fits"), "version TWO");
        File.SetLastWriteTimeUtc(Path.Combine(v2, "p.fits"), File.GetLastWriteTimeUtc(Path.Combine(v1, "p.fits")));
        var data = Path.Combine(_fixture.Directory, "data");
        Directory.CreateSymbolicLink(data, v1);
        var pedestal = Path.Combine(data, "p.fits");
        var (_, settings) = Inputs();
        using (_fixture.Start(o => o.WatchFiles = watch))
        {
            for (var i = 0; i < 10; i++)
            {
                ReadOnly(pedestal, settings);
                var target = i % 2 == 0 ? v2 : v1;
                if (how == "renamed over")
                {
                    // As `ln -s v2 data.new && mv -T data.new data` does: one rename(2) over the link.
                    var fresh = Path.Combine(_fixture.Directory, "data.new");
                    Directory.CreateSymbolicLink(fresh, target);
                    RenameOver(fresh, data);
                }
                else
                {
                    File.Delete(data);
                    Directory.CreateSymbolicLink(data, target);
                }
            }

            ReadOnly(pedestal, settings);
        }

        // Each call reads the other version than the call before: a record for each, naming the one it read.
        var entities = _fixture.Records(RecordKinds.Entity).Where(e => e.Str("name") == "InspectedFile").ToList();
        entities.Select(e => e.Str("hash")).ShouldBe(Enumerable.Range(0, 11).Select(i => BothVersions[i % 2]));
        var used = _fixture.Records(RecordKinds.ActivityStart)
            .Select(r => r.GetProperty("used").EnumerateArray().Single(u => u.Str("used_role") == "data").Str("used_id"));
        used.ShouldBe(entities.Select(e => e.Str("entity_id")));
        used.Distinct().Count().ShouldBe(2, "two versions at one path");
    }

    [Fact]
    public void A_deleted_input_is_recorded_missing_and_its_return_hashed_again()
    {
        var (pedestal, settings) = Inputs();
        using (_fixture.Start())
        {
            ReadOnly(pedestal, settings);
            File.Delete(pedestal);
            ReadOnly(pedestal, settings);
            File.WriteAllText(pedestal, "version one");
            ReadOnly(pedestal, settings);
        }

        _fixture.Records(RecordKinds.Warning).ShouldHaveSingleItem().Str("message").ShouldContain("does not exist");
        var pedestals = _fixture.Records(RecordKinds.Entity).Where(e => e.Str("name") == "InspectedFile").ToList();
        pedestals.Select(e => e.TryGetProperty("missing", out _)).ShouldBe([false, true, false]);
    }

    [Fact]
    public void An_output_written_by_the_activity_is_hashed_again_on_every_call()
    {
        var (pedestal, _) = Inputs();
        var config = _fixture.File("c.json", "{}");
        using (_fixture.Start())
        {
            // The output's content depends on the gain: each call rewrites it within the same second.
            for (var gain = 1; gain <= 3; gain++)
            {
                TestPipeline.Calibrate(pedestal, new CalibrationSettings(gain, config), 1, _fixture.Directory);
            }
        }

        _fixture.Records(RecordKinds.Entity).Where(e => e.Str("name") == "CalibrationFile").Select(e => e.Str("hash"))
            .Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public void Lost_events_make_every_watched_file_be_checked_again()
    {
        var (pedestal, settings) = Inputs();
        using var capture = _fixture.Start();
        ReadOnly(pedestal, settings);
        var before = capture.FileChecks;

        // More distinct events than the kernel queues (16384 by default) overflow the queue.
        var limit = int.Parse(File.ReadAllText("/proc/sys/fs/inotify/max_queued_events").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.SkipWhen(limit > 200_000, $"this machine queues {limit} inotify events; overflowing them would take too long");
        for (var i = 0; i <= limit; i++)
        {
            File.Create(Path.Combine(_fixture.Directory, $"f{i}")).Dispose();
        }

        ReadOnly(pedestal, settings);
        (capture.FileChecks - before).ShouldBe(2, "both inputs are looked at again after the overflow");
    }

    private static string[] BothVersions => [Md5("version one"), Md5("version TWO")];

    // The pedestal hashes recorded by two calls of a reading activity with a change between them.
    private List<string> HashesAround(Action<string> change, Action<ProvenanceOptions>? configure = null)
    {
        var (pedestal, settings) = Inputs();
        using (_fixture.Start(configure))
        {
            ReadOnly(pedestal, settings);
            change(pedestal);
            ReadOnly(pedestal, settings);
        }

        return PedestalHashes();
    }

    private (string Pedestal, CalibrationSettings Settings) Inputs()
        => (_fixture.File("p.fits", "version one"), new CalibrationSettings(1, _fixture.File("c.json", "{}")));

    // An activity that only reads: pedestal and config used, nothing generated.
    private static void ReadOnly(string pedestal, CalibrationSettings settings) => TestPipeline.Inspect(pedestal, settings);

    private List<string> PedestalHashes()
        => _fixture.Records(RecordKinds.Entity).Where(e => e.Str("name") == "InspectedFile").Select(e => e.Str("hash")).ToList();

    private static void RewriteKeepingSizeAndTime(string path, string content)
    {
        var time = File.GetLastWriteTimeUtc(path);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(content);
            stream.Length.ShouldBe(bytes.Length);
            stream.Write(bytes);
        }

        File.SetLastWriteTimeUtc(path, time);
    }

    internal static void Link(string target, string link) => Run("ln", target, link);

    // rename(2) of a link (or anything) over another path, as `mv -T` does it; File.Move refuses a folder link.
    internal static void RenameOver(string source, string target) => Run("mv", "-T", source, target);

    private static void Run(string tool, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(tool, arguments);
        process.WaitForExit();
        process.ExitCode.ShouldBe(0);
    }

    private static string Md5(string content)
        => Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(content)));
}
