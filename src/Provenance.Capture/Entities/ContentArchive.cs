namespace Provenance.Capture.Entities;

/// <summary>
/// A content-addressed folder (beside the log) holding one copy of each small configuration file,
/// so a run can be reproduced even after the original file changed. A file is copied once:
/// same content, same place, no second copy.
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

    /// <summary>Copies a file in unless a copy with the same hash is already there.</summary>
    /// <param name="source">The file.</param>
    /// <param name="hash">Its content hash.</param>
    /// <returns>The archive path.</returns>
    public string CopyOnce(string source, string hash)
    {
        var target = PathFor(hash, Path.GetFileName(source));
        if (File.Exists(target))
        {
            return target;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // Copy to a unique temporary name, then move: concurrent jobs archiving the same file never
        // see a half-written copy, and the loser of the race simply finds the target there.
        var temporary = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.Copy(source, temporary);
        try
        {
            File.Move(temporary, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            File.Delete(temporary);
        }

        return target;
    }
}
