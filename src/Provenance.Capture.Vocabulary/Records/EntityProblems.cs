namespace Provenance.Capture.Records;

/// <summary>
/// Values of the <c>problem</c> field of an <see cref="RecordKinds.Entity"/> record: the file could not be
/// identified as usual, yet the activity is recorded with the entity marked (a <see cref="RecordKinds.Warning"/>
/// record says why). A file that does not exist is marked <c>missing</c> instead.
/// </summary>
public static class EntityProblems
{
    /// <summary>The file exists but its bytes could not be read (permissions, a dangling link, an I/O error): no content hash, the id is the path's.</summary>
    public const string Unreadable = "unreadable";

    /// <summary>The file was hashed but could not be copied into the archive (read-only or full archive, a link inside it).</summary>
    public const string NotArchived = "not_archived";
}
