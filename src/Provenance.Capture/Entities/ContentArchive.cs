using Provenance.Capture.Model;

namespace Provenance.Capture.Entities;

/// <summary>
/// A content-addressed folder (beside the log) holding one copy of each small configuration file,
/// so a run can be reproduced even after the original file changed. A file is copied once:
/// same content, same place, no second copy. The copy is hashed as it is written, from one read,
/// so a file changed while it is archived is stored under the hash of what was copied; links inside
/// the archive are never followed.
/// </summary>
public sealed class ContentArchive
{
    /// <summary>Creates an archive rooted at a folder (created on first copy).</summary>
    /// <param name="root">The archive folder.</param>
    public ContentArchive(string root) => Root = Path.GetFullPath(root);

    /// <summary>The archive folder.</summary>
    public string Root { get; }

    /// <summary>Where a file with this hash is (or would be) archived.</summary>
    /// <param name="hash">Content hash (hex).</param>
    /// <param name="fileName">Original file name, kept for readability.</param>
    /// <returns>The archive path.</returns>
    public string PathFor(string hash, string fileName) => Path.Combine(Root, hash[..2], hash, fileName);

    /// <summary>Copies a file in, hashing the bytes copied, unless a copy with that hash is already there.</summary>
    /// <param name="source">The file.</param>
    /// <param name="algorithm">The hash algorithm of the entity.</param>
    /// <returns>The hash of the bytes copied and the archive path.</returns>
    /// <exception cref="IOException">The file cannot be read, the archive cannot be written, or a symbolic link was found inside the archive.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or the archive may not be accessed.</exception>
    public (string Hash, string Path) Store(string source, HashAlgorithmKind algorithm)
    {
        Directory.CreateDirectory(Root);
        // A unique name created exclusively (never through a link planted under that name), then moved:
        // concurrent jobs archiving the same file never see a half-written copy.
        var temporary = Path.Combine(Root, "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            string hash;
            using (var input = FileHasher.OpenForReading(source))
            using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                hash = FileHasher.Hash(input, algorithm, output);
            }

            var target = PathFor(hash, Path.GetFileName(source));
            CreateFolderInside(Path.Combine(Root, hash[..2]));
            CreateFolderInside(Path.GetDirectoryName(target)!);
            if (new FileInfo(target).LinkTarget is not null)
            {
                throw new IOException($"the archive entry '{target}' is a symbolic link: not followed");
            }

            try
            {
                File.Move(temporary, target, overwrite: false);
            }
            catch (IOException) when (File.Exists(target))
            {
                // Another job archived the same content first.
            }

            return (hash, target);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    // Kernel and device file systems: their "files" are views of the running system, not content.
    private static readonly string[] PseudoFileSystems = ["/proc/", "/sys/", "/dev/"];

    /// <summary>
    /// Why a file must not be copied into the archive, or null when it may: files of /proc, /sys and /dev
    /// (their bytes are the system's state, not a file's content, and may hold its secrets), and files
    /// others may not read (a copy in a shared archive would expose what the owner kept private).
    /// </summary>
    /// <param name="path">The file's full path.</param>
    /// <returns>The reason, naming the file, or null.</returns>
    internal static string? RefusalOf(string path)
    {
        // Every component resolved: a link to /proc anywhere on the path counts, not only the file's own.
        var resolved = (LinuxCalls.Supported ? LinuxCalls.RealPath(path) : null)
            ?? (new FileInfo(path) is { LinkTarget: not null } link ? link.ResolveLinkTarget(returnFinalTarget: true)?.FullName : null)
            ?? Path.GetFullPath(path);
        foreach (var root in PseudoFileSystems)
        {
            if (resolved.StartsWith(root, StringComparison.Ordinal))
            {
                return $"'{path}' is a kernel or device file ({root[..^1]}): its bytes are the system's state, not a file's content";
            }
        }

        if (OperatingSystem.IsWindows() || !File.Exists(resolved))
        {
            return null;
        }

        var mode = File.GetUnixFileMode(resolved);
        return (mode & UnixFileMode.OtherRead) != 0
            ? null
            : $"'{path}' is not readable by others (mode {System.Convert.ToString((int)mode & 0x1FF, 8)}): a copy in the archive would expose what its owner kept private";
    }

    private static void CreateFolderInside(string folder)
    {
        var info = new DirectoryInfo(folder);
        if (info.LinkTarget is not null)
        {
            throw new IOException($"the archive folder '{folder}' is a symbolic link: not followed");
        }

        info.Create();
    }
}
