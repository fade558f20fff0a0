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
    private readonly int _queue;

    public FileWatchCounterTests() => (_watch, _queue) = KernelView.WatchFor(_directory);

    // The folder and each folder above it, up to the root: each takes a watch once a file in it is armed.
    private int Folders => 1 + _directory.Count(c => c == '/');

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
        // One watch left for a file.
        using var watch = FileWatch.TryCreate(Folders + 1)!;
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

    [Fact]
    public void A_watch_holds_one_inotify_queue_and_one_epoll_set_and_disposing_it_closes_both()
    {
        var (queues, sets) = (KernelView.InotifyQueues(), KernelView.EpollSets());
        var watch = FileWatch.TryCreate()!;
        KernelView.InotifyQueues().Except(queues).Count().ShouldBe(1);
        KernelView.EpollSets().Except(sets).Count().ShouldBe(1, "the drain asks an epoll set holding the queue whether anything is queued");

        watch.Dispose();
        KernelView.InotifyQueues().ShouldBe(queues, ignoreOrder: true);
        KernelView.EpollSets().ShouldBe(sets, ignoreOrder: true);
    }

    [Fact]
    public void A_folder_link_switched_under_one_file_is_seen_after_a_file_on_another_path_through_the_same_folders_was_armed()
    {
        foreach (var version in new[] { "v1", "v2" })
        {
            Directory.CreateDirectory(Path.Combine(_directory, version));
            File.WriteAllText(Path.Combine(_directory, version, "c.dat"), version);
        }

        Directory.CreateDirectory(Path.Combine(_directory, "other"));
        File.WriteAllText(Path.Combine(_directory, "other", "d.dat"), "other");
        File.CreateSymbolicLink(Path.Combine(_directory, "current"), "v1");
        var (linked, version1) = Armed(Path.Combine("current", "c.dat"));
        var (other, _) = Armed(Path.Combine("other", "d.dat"));

        // As `ln -sfn v2 current` does it: a new link renamed over the old one.
        File.CreateSymbolicLink(Path.Combine(_directory, "current.new"), "v2");
        FileWatchTests.RenameOver(Path.Combine(_directory, "current.new"), Path.Combine(_directory, "current"));
        _watch.Drain();

        linked.Armed.ShouldBeFalse("its path now names v2's file");
        linked.Version.ShouldBeGreaterThan(version1);
        other.Armed.ShouldBeFalse("every watch is let go when a folder on a path is replaced");
        KernelView.Watches(_queue).ShouldBe(0, "the kernel holds none of them any more");
    }

    [Fact]
    public void A_path_renamed_over_lets_the_file_it_named_go_and_changes_to_that_file_no_longer_count()
    {
        var (file, _) = Armed("a.dat");
        var kept = Path.Combine(_directory, "kept.dat");
        FileWatchTests.Link(file.Path, kept);
        File.Move(Create("incoming.tmp"), file.Path, overwrite: true);
        _watch.Drain();
        _watch.Arm(file, out var rearmed).ShouldBeTrue();

        File.AppendAllText(kept, "a change to the file the path named before");
        _watch.Drain();
        file.Armed.ShouldBeTrue("the path names another file now");
        file.Version.ShouldBe(rearmed);
        KernelView.Watches(_queue).ShouldBe(Folders + 1, "the folders' watches and the new file's; the old file's was removed");
    }

    [Fact]
    public void A_deleted_file_gives_its_watch_back_to_the_budget()
    {
        using var watch = FileWatch.TryCreate(Folders + 1)!;
        var first = watch.Track(Create("a.dat"))!;
        watch.Arm(first, out _).ShouldBeTrue();
        File.Delete(first.Path);
        watch.Drain();

        var second = watch.Track(Create("b.dat"))!;
        watch.Arm(second, out _).ShouldBeTrue("the deleted file's watch is free again");
    }

    [Fact]
    public void Once_every_watch_was_let_go_the_whole_budget_is_there_again()
    {
        var sub = Directory.CreateDirectory(Path.Combine(_directory, "night")).FullName;
        using var watch = FileWatch.TryCreate(Folders + 2)!;
        var file = watch.Track(Create(Path.Combine("night", "a.dat")))!;
        watch.Arm(file, out _).ShouldBeTrue("night and the folders above it, and the file");

        // A folder on the path replaced: every watch goes.
        Directory.Move(sub, sub + ".old");
        Directory.CreateDirectory(sub);
        Create(Path.Combine("night", "a.dat"));
        watch.Drain();

        watch.Arm(file, out _).ShouldBeTrue("the watches let go count no more");
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
