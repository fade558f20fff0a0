namespace Provenance.Capture.Entities;

/// <summary>The absolute path a role named at its last call, with the file's cache entry.</summary>
internal sealed record RoleFile(string Path, EntityCache.Slot Slot);
