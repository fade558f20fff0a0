namespace Provenance.Capture.Entities;

/// <summary>What is known about one file entity once it has been identified.</summary>
/// <param name="Id">The entity id (a hash: see <see cref="EntityCache"/> for the rule).</param>
/// <param name="Hash">The content hash written in the record, or null (hash mode path or none, an unreadable file).</param>
/// <param name="HashType">The algorithm name, or null.</param>
/// <param name="Size">File size in bytes, or null when it was not read.</param>
/// <param name="Missing">The file did not exist when it was identified.</param>
/// <param name="ArchivePath">Where it was archived, if it was.</param>
/// <param name="Problem">Why it was not identified as usual (<see cref="Records.EntityProblems"/>), or null.</param>
/// <param name="Reason">The error behind <paramref name="Problem"/>, for the warning record.</param>
internal sealed record EntityIdentity(string Id, string? Hash, string? HashType, long? Size, bool Missing, string? ArchivePath, string? Problem = null, string? Reason = null);
