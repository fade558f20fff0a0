using System.Runtime.InteropServices;

namespace Provenance.Capture.Entities;

/// <summary>
/// What a look at a file (following links) tells of its version without reading it: size, modification
/// time, and on Linux the inode, device and status-change time. The last three catch what size and time
/// miss — a file rewritten keeping both (tools can set the modification time, not the change time), a
/// file replaced by a rename, a folder link on the path switched to another version — and need no watch,
/// so they hold on network file systems too.
/// </summary>
internal readonly partial record struct FileStamp(bool Exists, long Length, long WriteTicks, long ChangeTicks, ulong Inode, ulong Device)
{
    private const int CurrentFolder = -100; // AT_FDCWD
    private const uint BasicStats = 0x7FF; // STATX_BASIC_STATS

    /// <summary>The file's stamp; <see cref="Exists"/> false when nothing (or a folder) is there.</summary>
    public static FileStamp Of(string fullPath) => LinuxCalls.Supported ? Statx(fullPath) : Portable(fullPath);

    /// <summary>Whether two looks saw the same version of the file.</summary>
    public bool SameVersion(in FileStamp other) => this == other;

    private static FileStamp Portable(string fullPath)
    {
        var info = new FileInfo(fullPath);
        return info.Exists ? new FileStamp(true, info.Length, info.LastWriteTimeUtc.Ticks, 0, 0, 0) : default;
    }

    private static unsafe FileStamp Statx(string fullPath)
    {
        // struct statx has one layout on every architecture (256 bytes).
        var buffer = stackalloc byte[256];
        fixed (byte* path = LinuxCalls.PathBytes(fullPath))
        {
            if (StatxCall(CurrentFolder, path, 0, BasicStats, buffer) != 0)
            {
                // No statx (an old kernel or a sandbox refusing it): the portable look.
                return Marshal.GetLastPInvokeError() is 38 or 1 ? Portable(fullPath) : default;
            }
        }

        var mode = *(ushort*)(buffer + 28);
        if ((mode & 0xF000) == 0x4000)
        {
            return default; // a folder is no file
        }

        return new FileStamp(
            true,
            *(long*)(buffer + 40),
            Ticks(buffer + 112),
            Ticks(buffer + 96),
            *(ulong*)(buffer + 32),
            ((ulong)*(uint*)(buffer + 136) << 32) | *(uint*)(buffer + 140));
    }

    // struct statx_timestamp: seconds since 1970 (int64), nanoseconds (uint32); as .NET's LastWriteTimeUtc.Ticks.
    private static unsafe long Ticks(byte* timestamp)
        => DateTime.UnixEpoch.Ticks + (*(long*)timestamp * TimeSpan.TicksPerSecond) + (*(uint*)(timestamp + 8) / 100);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static unsafe partial int StatxCall(int folder, byte* path, int flags, uint mask, byte* result);
}
