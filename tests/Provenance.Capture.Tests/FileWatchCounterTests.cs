using Provenance.Capture.Entities;

namespace Provenance.Capture.Tests;

/// <summary>
/// The watch's counters themselves (no capture around them): what moves a file's counter and disarms it,
/// what leaves it alone, and when a file cannot be armed at all.
/// </summary>
public sealed class FileWatchCounterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-watch-").FullName;
    private readonly FileWatch _watch;

    public FileWatchCounterTests()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "inotify watches exist on Linux only");
        _watch = FileWatch.TryCreate()!;
        Assert.SkipWhen(_watch?.Track(Path.Combine(_directory, "probe")) is null, $"the temporary folder {_directory} is not on a local file system inotify can watch");
    }

    public void Dispose()
    {
        _watch?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void An_armed_file_nothing_touches_keeps_its_counter_and_stays_armed()
    {
        var (file, version) = Armed("a.dat");
        _watch.Drain();
        file.Armed.ShouldBeTrue();
        _watch.Arm(file, out var again).ShouldBeTrue();
        again.ShouldBe(version);
    }

    [Theory]
    [InlineData("append")]
    [InlineData("chmod")]
    [InlineData("touch")]
    public void A_change_of_content_mode_or_time_moves_the_counter_and_disarms_the_file(string change)
    {
        var (file, version) = Armed("a.dat");
        switch (change)
        {
            case "append":
                File.AppendAllText(file.Path, "more");
                break;
            case "chmod" when !OperatingSystem.IsWindows():
                File.SetUnixFileMode(file.Path, UnixFileMode.UserRead);
                break;
            default:
                File.SetLastWriteTimeUtc(file.Path, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
                break;
        }

        _watch.Drain();
        file.Armed.ShouldBeFalse();
        file.Version.ShouldBeGreaterThan(version);

        // Armed again, it stands for the new state until the next change.
        _watch.Arm(file, out var rearmed).ShouldBeTrue();
        rearmed.ShouldBe(file.Version);
        _watch.Drain();
        file.Armed.ShouldBeTrue();
    }

    [Fact]
    public void A_deleted_file_moves_its_counter_and_cannot_be_armed_until_it_is_back()
    {
        var (file, version) = Armed("a.dat");
        File.Delete(file.Path);
        _watch.Drain();
        file.Version.ShouldBeGreaterThan(version);
        _watch.Arm(file, out _).ShouldBeFalse();

        File.WriteAllText(file.Path, "back");
        _watch.Arm(file, out _).ShouldBeTrue();
        File.AppendAllText(file.Path, "!");
        _watch.Drain();
        file.Armed.ShouldBeFalse("the file that came back is the one watched");
    }

    [Fact]
    public void A_file_renamed_over_the_path_moves_the_counter_and_is_the_one_watched_from_then_on()
    {
        var (file, version) = Armed("a.dat");
        var incoming = Path.Combine(_directory, "incoming.tmp");
        File.WriteAllText(incoming, "new version");
        File.Move(incoming, file.Path, overwrite: true);
        _watch.Drain();
        file.Version.ShouldBeGreaterThan(version);

        _watch.Arm(file, out var rearmed).ShouldBeTrue();
        _watch.Drain();
        file.Version.ShouldBe(rearmed, "the rename's events are all read by now");
        File.AppendAllText(file.Path, "!");
        _watch.Drain();
        file.Armed.ShouldBeFalse("a change to the new file is seen");
        file.Version.ShouldBeGreaterThan(rearmed);
    }

    [Fact]
    public void Changes_to_other_files_of_the_folder_and_of_the_folders_above_leave_the_counter_alone()
    {
        var (file, version) = Armed("a.dat");
        var sibling = Path.Combine(_directory, "b.dat");
        File.WriteAllText(sibling, "x");
        File.AppendAllText(sibling, "y");
        File.Move(sibling, sibling + ".moved");
        File.Delete(sibling + ".moved");
        var aside = Path.Combine(Path.GetDirectoryName(_directory)!, Path.GetFileName(_directory) + "-aside");
        Directory.CreateDirectory(aside);
        Directory.Delete(aside);

        _watch.Drain();
        file.Armed.ShouldBeTrue();
        file.Version.ShouldBe(version);
    }

    [Fact]
    public void Replacing_a_folder_on_the_path_disarms_every_watched_file_under_it()
    {
        var nested = Directory.CreateDirectory(Path.Combine(_directory, "v1", "night")).FullName;
        File.WriteAllText(Path.Combine(nested, "c.dat"), "one");
        var (deep, deepVersion) = Armed(Path.Combine("v1", "night", "c.dat"));
        var (shallow, shallowVersion) = Armed("a.dat");

        // Another folder put where v1 was: every path through it may name another file now.
        Directory.Move(Path.Combine(_directory, "v1"), Path.Combine(_directory, "old"));
        Directory.CreateDirectory(Path.Combine(_directory, "v1", "night"));
        _watch.Drain();

        deep.Armed.ShouldBeFalse();
        deep.Version.ShouldBeGreaterThan(deepVersion);
        shallow.Armed.ShouldBeFalse("every watch was let go, this one too");
        shallow.Version.ShouldBeGreaterThan(shallowVersion);
    }

    [Fact]
    public void Two_paths_of_one_file_are_one_watch_and_a_change_through_either_moves_both_counters()
    {
        var (first, firstVersion) = Armed("a.dat");
        var linked = Path.Combine(_directory, "link.dat");
        FileWatchTests.Link(first.Path, linked);
        var second = _watch.Track(linked)!;
        _watch.Arm(second, out var secondVersion).ShouldBeTrue();

        File.AppendAllText(linked, "through the link");
        _watch.Drain();

        first.Version.ShouldBeGreaterThan(firstVersion);
        second.Version.ShouldBeGreaterThan(secondVersion);
    }

    [Fact]
    public void Past_the_budget_of_watches_a_file_cannot_be_armed_but_an_armed_one_can_be_again()
    {
        // The folder and each folder above it take a watch; one left for a file.
        var folders = 1 + _directory.Count(c => c == '/');
        using var watch = FileWatch.TryCreate(folders + 1)!;
        var first = watch.Track(Create("a.dat"))!;
        var second = watch.Track(Create("b.dat"))!;

        watch.Arm(first, out _).ShouldBeTrue();
        watch.Arm(second, out _).ShouldBeFalse("no watch is left for it");
        File.AppendAllText(first.Path, "!");
        watch.Drain();
        watch.Arm(first, out _).ShouldBeTrue("its own watch is still there");
    }

    [Fact]
    public void A_path_is_tracked_once_and_paths_the_watch_cannot_serve_are_not_tracked()
    {
        var path = Create("a.dat");
        _watch.Track(path).ShouldBeSameAs(_watch.Track(path));
        _watch.Track("/proc/self/status").ShouldBeNull("procfs is not a file system whose changes raise events");
        _watch.Track("/").ShouldBeNull("a path without a folder");
    }

    [Fact]
    public void A_disposed_watch_arms_nothing_and_its_drain_does_nothing()
    {
        var (file, version) = Armed("a.dat");
        _watch.Dispose();
        file.Armed.ShouldBeFalse("disposing lets every watch go");
        file.Version.ShouldBeGreaterThan(version);
        var unchanged = file.Version;

        File.AppendAllText(file.Path, "!");
        _watch.Drain();
        _watch.Arm(file, out _).ShouldBeFalse();
        file.Version.ShouldBe(unchanged);
        _watch.Dispose();
    }

    private (WatchedFile File, int Version) Armed(string name)
    {
        var path = Path.Combine(_directory, name);
        var file = _watch.Track(File.Exists(path) ? path : Create(name))!;
        _watch.Arm(file, out var version).ShouldBeTrue();
        file.Armed.ShouldBeTrue();
        return (file, version);
    }

    private string Create(string name)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, "one");
        return path;
    }
}
