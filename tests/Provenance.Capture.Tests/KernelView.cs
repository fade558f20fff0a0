using Provenance.Capture.Entities;

namespace Provenance.Capture.Tests;

/// <summary>
/// What the kernel itself says about this process's file watching, read from <c>/proc</c>: which file systems
/// folders are on, which inotify queues and epoll sets are open, how many watches a queue holds. An oracle
/// independent of the watch's own bookkeeping (its file system check is <c>statfs</c>, these are the mount table
/// and the descriptor table).
/// </summary>
internal static class KernelView
{
    private static readonly HashSet<string> LocalTypes = new(StringComparer.Ordinal)
    {
        "ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "ramfs", "overlay", "f2fs", "zfs", "bcachefs",
    };

    /// <summary>The type of the file system a folder is on (from <c>/proc/self/mountinfo</c>: the longest mount point above it).</summary>
    public static string FileSystemOf(string folder)
    {
        var (point, type) = (string.Empty, "unknown");
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            // "36 35 98:0 /root /mnt/point rw,noatime shared:1 - ext4 /dev/vda rw": the point is the fifth field,
            // the type the first after the " - " separator; spaces in a point are written \040.
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            var mount = fields[4].Replace("\\040", " ", StringComparison.Ordinal);
            var under = folder == mount || folder.StartsWith(mount.TrimEnd('/') + "/", StringComparison.Ordinal);
            if (separator > 0 && under && mount.Length >= point.Length)
            {
                (point, type) = (mount, fields[separator + 1]);
            }
        }

        return type;
    }

    /// <summary>Whether every change of a file on that folder's file system goes through this kernel.</summary>
    public static bool IsLocal(string folder) => LocalTypes.Contains(FileSystemOf(folder));

    /// <summary>This process's open descriptors of a kind: <c>anon_inode:inotify</c> or <c>anon_inode:[eventpoll]</c>.</summary>
    public static HashSet<int> Descriptors(string target)
    {
        var found = new HashSet<int>();
        foreach (var entry in Directory.EnumerateFiles("/proc/self/fd"))
        {
            // A descriptor closed between the listing and the look is simply not there.
            if (new FileInfo(entry).LinkTarget == target && int.TryParse(Path.GetFileName(entry), out var descriptor))
            {
                found.Add(descriptor);
            }
        }

        return found;
    }

    /// <summary>The inotify queues this process has open.</summary>
    public static HashSet<int> InotifyQueues() => Descriptors("anon_inode:inotify");

    /// <summary>The epoll sets this process has open.</summary>
    public static HashSet<int> EpollSets() => Descriptors("anon_inode:[eventpoll]");

    /// <summary>How many watches an inotify queue holds (one <c>inotify wd:</c> line each in its fdinfo).</summary>
    public static int Watches(int queue)
        => File.ReadLines($"/proc/self/fdinfo/{queue}").Count(line => line.StartsWith("inotify wd:", StringComparison.Ordinal));

    /// <summary>
    /// A file watch for the tests of a folder, and its inotify queue's descriptor. Skips only where these tables say
    /// nothing can be watched (not Linux on x64 or Arm64, not a local file system); a watch that cannot be made, or
    /// that refuses the local folder, fails the test (a skip there hid every bug of the watch from mutation
    /// testing, when a long run had used up the user's inotify instances).
    /// </summary>
    public static (FileWatch Watch, int Queue) WatchFor(string folder)
    {
        Assert.SkipUnless(LinuxCalls.Supported, "inotify watches are used on Linux (x64, Arm64) only");
        Assert.SkipUnless(IsLocal(folder), $"the temporary folder {folder} is on {FileSystemOf(folder)}, not a local file system inotify can watch");
        var queues = InotifyQueues();
        var watch = FileWatch.TryCreate() ?? throw new InvalidOperationException("no inotify queue could be opened (is fs.inotify.max_user_instances used up?)");
        watch.Track(Path.Combine(folder, "probe")).ShouldNotBeNull($"{folder} is on {FileSystemOf(folder)}, a local file system");
        return (watch, InotifyQueues().Except(queues).Single());
    }
}
