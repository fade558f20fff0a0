namespace Provenance.Capture.Entities;

/// <summary>What is known about one file entity once it has been identified.</summary>
/// <param name="Id">The entity id (a hash).</param>
/// <param name="Hash">The hash written in the record, or null for hash mode none.</param>
/// <param name="HashType">The algorithm name, or null.</param>
/// <param name="Size">File size in bytes, or null when it was not read.</param>
/// <param name="Missing">The file did not exist when it was identified.</param>
/// <param name="ArchivePath">Where it was archived, if it was.</param>
internal sealed record EntityIdentity(string Id, string? Hash, string? HashType, long? Size, bool Missing, string? ArchivePath);
