using System.Collections.Concurrent;
using System.Globalization;
using Provenance.Capture.Model;
using Provenance.Capture.Records;

namespace Provenance.Capture.Entities;

/// <summary>
/// Identifies file entities and remembers them per process: a file is hashed once while its stamp (size,
/// modification time, and on Linux inode, device and change time: <see cref="FileStamp"/>) stays the
/// same, and its entity record is written once for that version.
/// With a <see cref="FileWatch"/>, a file nothing has touched since it was checked is not looked at again.
/// </summary>
internal sealed class EntityCache : IDisposable
{
    private readonly ConcurrentDictionary<(string Path, string Entity), Slot> _files = new();
    private readonly ContentArchive? _archive;
    private readonly long _checkIntervalMs;
    private readonly FileWatch? _watch;
    private long _checks;

    public EntityCache(ContentArchive? archive, TimeSpan checkInterval = default, FileWatch? watch = null)
    {
        _archive = archive;
        _checkIntervalMs = (long)checkInterval.TotalMilliseconds;
        _watch = watch;
    }

    /// <summary>How many times a file's size and time were read (tests see what the watch saved).</summary>
    public long Checks => Interlocked.Read(ref _checks);

    public void Dispose() => _watch?.Dispose();

    /// <summary>The cache entry of a file seen as an entity of the given kind.</summary>
    public Slot SlotFor(string fullPath, EntityDescription entity) => _files.GetOrAdd((fullPath, entity.Name), static _ => new Slot());

    /// <summary>Identifies a file by its cache entry (<see cref="SlotFor"/>); <paramref name="isNew"/> says whether its record still has to be written.</summary>
    // recheck: always look at an unwatched file (outputs just written); otherwise an unwatched input checked
    // within the interval is trusted. drained: whether this phase of the call already read the watch's events.
    public EntityIdentity Identify(Slot slot, string fullPath, EntityDescription entity, bool dryRun, bool recheck, ref bool drained, out bool isNew)
    {
        var algorithm = FileHasher.NameOf(entity.HashAlgorithm);
        if (entity.Hash == HashMode.Path || entity.Reference && entity.Hash != HashMode.Content)
        {
            // Path identity never depends on the file, so it is never re-checked.
            if (slot.State is { } known)
            {
                isNew = false;
                return known.Identity;
            }

            var hash = FileHasher.HashText(fullPath, entity.HashAlgorithm);
            return Publish(slot, new Known(new EntityIdentity(hash, hash, algorithm, null, false, null), default, Trusted: true), out isNew);
        }

        if (_watch is not null && !slot.Tracked)
        {
            slot.Watched = _watch.Track(fullPath);
            slot.Tracked = true;
        }

        var watched = slot.Watched;
        if (watched is not null)
        {
            if (!drained)
            {
                _watch!.Drain();
                drained = true;
            }

            // No event since the check: the file is as it was (changes by this process included).
            if (slot.State is { Trusted: true } unchanged && watched.Armed && unchanged.Version == watched.Version)
            {
                isNew = false;
                return unchanged.Identity;
            }
        }

        // An event since the last look means a change, even one that kept size and time: hash again.
        var changed = watched is not null && slot.State is { } last && last.Version != watched.Version;

        // Armed before the look, so a change during the look or after it moves the counter.
        var version = 0;
        var armed = watched is not null && _watch!.Arm(watched, out version);
        if (!armed && !recheck && _checkIntervalMs > 0 && slot.State is { Trusted: true } recent && Environment.TickCount64 - recent.CheckedAt < _checkIntervalMs)
        {
            isNew = false;
            return recent.Identity;
        }

        Interlocked.Increment(ref _checks);
        var stamp = FileStamp.Of(fullPath);
        if (!stamp.Exists)
        {
            // Nothing there: missing (but for a dry run, whose earlier steps made nothing). A folder where the
            // model says a file: there, but no file to identify, so unreadable, not missing.
            var id = FileHasher.HashText(fullPath, entity.HashAlgorithm);
            var notAFile = Directory.Exists(fullPath)
                ? new EntityIdentity(id, null, null, null, false, null, EntityProblems.Unreadable, "is a folder, not a file")
                : new EntityIdentity(id, null, null, null, !dryRun, null);
            return Publish(slot, new Known(notAFile, default, Trusted: false), out isNew);
        }

        var (length, ticks) = (stamp.Length, stamp.WriteTicks);
        if (!changed && slot.State is { Trusted: true } current && current.Stamp.SameVersion(stamp))
        {
            current.CheckedAt = Environment.TickCount64;
            current.Version = version;
            isNew = false;
            return current.Identity;
        }

        string? contentHash = null, archived = null, problem = null, reason = null;
        if (entity.Hash == HashMode.Content)
        {
            if (entity.Copy && !entity.Reference && _archive is not null && ContentArchive.RefusalOf(fullPath) is { } refusal)
            {
                (problem, reason) = (EntityProblems.NotArchived, $"not archived: {refusal}");
            }
            else if (entity.Copy && !entity.Reference && _archive is not null)
            {
                try
                {
                    (contentHash, archived) = _archive.Store(fullPath, entity.HashAlgorithm);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    (problem, reason) = (EntityProblems.NotArchived, $"not archived in '{_archive.Root}': {e.Message}");
                }
            }

            if (contentHash is null)
            {
                try
                {
                    contentHash = FileHasher.HashContent(fullPath, entity.HashAlgorithm);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    (problem, reason) = (EntityProblems.Unreadable, $"cannot be read: {e.Message}");
                }
            }
        }

        var entityId = contentHash is null ? FileHasher.HashText(fullPath, entity.HashAlgorithm) : VersionId(fullPath, contentHash, ticks, entity.HashAlgorithm);
        var identity = new EntityIdentity(entityId, contentHash, contentHash is null ? null : algorithm, length, false, archived, problem, reason);

        // A file not identified as usual is looked at again on the next call (its size and time say nothing).
        return Publish(slot, problem is null ? new Known(identity, stamp, Trusted: true) { Version = version } : new Known(identity, stamp, Trusted: false), out isNew);
    }

    /// <summary>
    /// The id of a file hashed by content: one version of the file at one place. Two files with the same
    /// bytes at two locations, or a file rewritten with equal bytes, are distinct entities (PROV allows one
    /// generation per entity); the content hash stays in <c>hash</c>, so equal content is still found.
    /// </summary>
    internal static string VersionId(string fullPath, string contentHash, long lastWriteTicks, HashAlgorithmKind algorithm)
        => FileHasher.HashText(string.Create(CultureInfo.InvariantCulture, $"{fullPath}\n{contentHash}\n{lastWriteTicks}"), algorithm);

    private static EntityIdentity Publish(Slot slot, Known known, out bool isNew)
    {
        lock (slot)
        {
            // Two threads may identify the same new version at once; only one writes the record.
            var previous = slot.State?.Identity;
            isNew = previous is null || previous.Id != known.Identity.Id || previous.Missing != known.Identity.Missing || previous.Problem != known.Identity.Problem;
            slot.State = known;
            return known.Identity;
        }
    }

    /// <summary>What is known of one file as one kind of entity.</summary>
    internal sealed class Slot
    {
        public volatile Known? State;

        public bool Tracked;

        public WatchedFile? Watched;
    }

    // Trusted: the identity holds while the stamp does; false for a file not identified as usual (missing,
    // unreadable…), looked at again on every use.
    internal sealed record Known(EntityIdentity Identity, FileStamp Stamp, bool Trusted)
    {
        public long CheckedAt { get; set; } = Environment.TickCount64;

        // The watch counter the last look at the file stands for.
        public int Version { get; set; }
    }
}
