using System.Runtime.InteropServices;
using System.Text;

namespace Provenance.Capture;

/// <summary>What the Linux-only parts (file watching, the append-only log) share of libc.</summary>
internal static partial class LinuxCalls
{
    /// <summary>Linux on 64-bit x86 or Arm, whose flag values and struct layouts those parts spell out.</summary>
    public static bool Supported
        => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    /// <summary>A path as libc takes it: UTF-8, NUL-terminated.</summary>
    public static byte[] PathBytes(string path) => Encoding.UTF8.GetBytes(path + "\0");

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int descriptor);

    /// <summary>The path with every link and <c>..</c> of every component resolved (libc's <c>realpath</c>), or null when it cannot be.</summary>
    public static string? RealPath(string path)
    {
        var resolved = RealPath(PathBytes(path), IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static partial IntPtr RealPath(byte[] path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(IntPtr pointer);
}
