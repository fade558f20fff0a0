using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using Provenance.Capture.Entities;
using Provenance.Capture.Model;
using Provenance.Capture.Records;

namespace Provenance.Capture.Runtime;

/// <summary>
/// Turns the values a role expression yields (paths, FileInfo, directories, lists, plain values)
/// into entity ids, writing each entity's record once per process while it is unchanged.
/// </summary>
internal sealed class EntityRecorder
{
    private readonly EntityCache _cache;
    private readonly RecordWriter _writer;
    private readonly string _sessionId;
    private readonly bool _dryRun;
    private readonly ConcurrentDictionary<string, byte> _valuesWritten = new(StringComparer.Ordinal);

    public EntityRecorder(EntityCache cache, RecordWriter writer, string sessionId, bool dryRun)
    {
        _cache = cache;
        _writer = writer;
        _sessionId = sessionId;
        _dryRun = dryRun;
    }

    /// <summary>Identifies the entities of one role value; adds each id to <paramref name="ids"/>.</summary>
    /// <returns>The number of entities found.</returns>
    public int Record(object? value, EntityDescription entity, ActivityCall call, bool generated, Action<string, ActivityCall> warn, List<string> ids)
    {
        RoleFile? unused = null;
        return Record(value, entity, call, generated, warn, ids, ref unused);
    }

    /// <summary>
    /// As <see cref="Record(object?, EntityDescription, ActivityCall, bool, Action{string, ActivityCall}, List{string})"/>,
    /// for a role that remembers the file it named last: the same absolute path again skips the path checks and the cache lookup.
    /// </summary>
    public int Record(object? value, EntityDescription entity, ActivityCall call, bool generated, Action<string, ActivityCall> warn, List<string> ids, ref RoleFile? last)
    {
        if (value is null)
        {
            return 0;
        }

        if (value is string text && entity.Type == EntityType.File && RoleFileOf(text, entity, ref last) is { } file)
        {
            ids.Add(RecordFile(file.Slot, file.Path, entity, call, generated, warn));
            return 1;
        }

        if (entity.Type == EntityType.Value)
        {
            ids.Add(RecordValue(value, entity));
            return 1;
        }

        if (entity.Type == EntityType.FileCollection)
        {
            ids.Add(RecordCollection(value, entity, call, generated, warn));
            return 1;
        }

        if (value is string or FileSystemInfo)
        {
            ids.Add(RecordFile(PathOf(value), entity, call, generated, warn));
            return 1;
        }

        if (value is IEnumerable many)
        {
            var count = 0;
            foreach (var item in many)
            {
                if (item is not null)
                {
                    ids.Add(RecordFile(PathOf(item), entity, call, generated, warn));
                    count++;
                }
            }

            return count;
        }

        ids.Add(RecordFile(PathOf(value), entity, call, generated, warn));
        return 1;
    }

    // The role's last file when it names the same path, else the new path's (remembered); null for a
    // relative path, which depends on the current directory and is resolved on every call.
    private RoleFile? RoleFileOf(string path, EntityDescription entity, ref RoleFile? last)
    {
        var known = last;
        if (known is not null && string.Equals(known.Path, path, StringComparison.Ordinal))
        {
            return known;
        }

        if (!IsPlainFullPath(path))
        {
            return null;
        }

        return last = new RoleFile(path, _cache.SlotFor(path, entity));
    }

    private static string PathOf(object value) => value switch
    {
        string text => IsPlainFullPath(text) ? text : Path.GetFullPath(text),
        FileSystemInfo info => info.FullName,
        _ => Path.GetFullPath(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
    };

    // On Unix, an absolute path without "." or ".." segments or doubled separators is already what GetFullPath returns.
    private static bool IsPlainFullPath(string path)
        => Path.DirectorySeparatorChar == '/' && path.StartsWith('/')
           && !path.Contains("/.", StringComparison.Ordinal) && !path.Contains("//", StringComparison.Ordinal);

    private string RecordFile(string path, EntityDescription entity, ActivityCall call, bool generated, Action<string, ActivityCall> warn)
        => RecordFile(_cache.SlotFor(path, entity), path, entity, call, generated, warn);

    private string RecordFile(EntityCache.Slot slot, string path, EntityDescription entity, ActivityCall call, bool generated, Action<string, ActivityCall> warn)
    {
        EntityIdentity identity;
        bool isNew;
        try
        {
            identity = _cache.Identify(slot, path, entity, _dryRun, recheck: generated, ref generated ? ref call.DrainedAtEnd : ref call.DrainedAtStart, out isNew);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            // Whatever the file does (a path too long, a folder where a file was expected), the activity is recorded.
            identity = new EntityIdentity(FileHasher.HashText(path, entity.HashAlgorithm), null, null, null, false, null, EntityProblems.Unreadable, $"cannot be identified: {e.Message}");
            isNew = true;
        }

        if (identity.Problem is not null)
        {
            warn($"{(generated ? "generated" : "used")} {entity.Name} file '{path}' {identity.Reason}", call);
        }

        if (identity.Missing)
        {
            warn(generated
                ? $"generated {entity.Name} file '{path}' does not exist after the activity"
                : $"used {entity.Name} file '{path}' does not exist", call);
        }

        if (isNew)
        {
            var location = SecretRedactor.RedactValue(path);
            _writer.Write(EntityRecord(identity.Id, entity, entity.Type)
                .Add(RecordFields.Location, location)
                .Add(RecordFields.FilePath, location)
                .Add(RecordFields.Hash, identity.Hash)
                .Add(RecordFields.HashType, identity.HashType)
                .Add(RecordFields.Size, identity.Size)
                .Add(RecordFields.ArchivePath, identity.ArchivePath)
                .Add(RecordFields.Missing, identity.Missing ? true : null)
                .Add(RecordFields.Problem, identity.Problem));
        }

        return identity.Id;
    }

    private string RecordCollection(object value, EntityDescription entity, ActivityCall call, bool generated, Action<string, ActivityCall> warn)
    {
        string? location = null;
        var memberPaths = new List<string>();
        if (value is string or DirectoryInfo)
        {
            location = value is DirectoryInfo directory ? directory.FullName : Path.GetFullPath((string)value);
            if (Directory.Exists(location))
            {
                memberPaths.AddRange(Directory.EnumerateFiles(location, "*", SearchOption.AllDirectories));
                memberPaths.Sort(StringComparer.Ordinal);
            }
        }
        else if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                if (item is not null)
                {
                    memberPaths.Add(PathOf(item));
                }
            }
        }

        var member = entity with { Type = EntityType.File, Copy = false };
        var memberIds = new List<string>(memberPaths.Count);
        foreach (var path in memberPaths)
        {
            memberIds.Add(RecordFile(path, member, call, generated, warn));
        }

        var id = FileHasher.HashText(
            (location ?? string.Empty) + "|" + string.Join(",", memberIds),
            entity.HashAlgorithm);
        if (_valuesWritten.TryAdd(id, 0))
        {
            _writer.Write(EntityRecord(id, entity, EntityType.FileCollection)
                .Add(RecordFields.Location, location)
                .Add(RecordFields.Size, memberIds.Count)
                .Add(RecordFields.MemberIds, memberIds));
        }

        return id;
    }

    private string RecordValue(object value, EntityDescription entity)
    {
        var text = SecretRedactor.RedactValue(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
        var id = FileHasher.HashText(entity.Name + "=" + text, entity.HashAlgorithm);
        if (_valuesWritten.TryAdd(id, 0))
        {
            _writer.Write(EntityRecord(id, entity, EntityType.Value).Add(RecordFields.Value, RecordValues.Scalar(value)));
        }

        return id;
    }

    private ProvRecord EntityRecord(string id, EntityDescription entity, EntityType type)
        => new ProvRecord(RecordKinds.Entity, 15)
            .Add(RecordFields.EntityId, id)
            .Add(RecordFields.Name, entity.Name)
            .Add(RecordFields.EntityType, type.ToString())
            .Add(RecordFields.ContentType, entity.ContentType)
            .Add(RecordFields.Collection, type == EntityType.FileCollection ? null : entity.Collection)
            .Add(RecordFields.InSession, _sessionId);
}
