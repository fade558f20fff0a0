using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Merge;
using Provenance.Capture.Prov.Readers;

namespace Provenance.Capture.Store;

/// <summary>
/// A provenance store: every ingested log and PROV document in one database — a SQLite file (embedded,
/// the default) or PostgreSQL (shared, chosen by a connection string) — asked for lineage and searched.
/// One instance holds one connection; use one per thread.
/// </summary>
public sealed class ProvenanceStore : IDisposable
{
    /// <summary>The store used when none is named: <c>$PROVCAP_STORE</c>, or <c>provenance.db</c> in the working directory.</summary>
    public static string DefaultLocation => Environment.GetEnvironmentVariable("PROVCAP_STORE") is { Length: > 0 } named ? named : "provenance.db";

    private readonly StoreEngine _engine;
    private readonly DbConnection _connection;

    private ProvenanceStore(StoreEngine engine)
    {
        _engine = engine;
        try
        {
            _connection = engine.Open();
            SchemaMigrator.Migrate(engine, _connection);
        }
        catch (DbException e)
        {
            _connection?.Dispose();
            throw new StoreException($"cannot open the provenance store {engine.Describe()}: {e.Message}", e);
        }
    }

    /// <summary>Where this store is: a file path, or a connection string with its password masked.</summary>
    public string Location => _engine.Describe();

    /// <summary>Opens a store, creating it (and bringing its schema up to date) as needed.</summary>
    /// <param name="location">A SQLite file path, or a PostgreSQL connection string (<c>Host=db;Database=prov;Username=prov</c>); null for <see cref="DefaultLocation"/>.</param>
    /// <returns>The open store.</returns>
    /// <exception cref="StoreException">The store cannot be opened, or is of a newer schema.</exception>
    public static ProvenanceStore Open(string? location = null) => new(EngineFor(location ?? DefaultLocation));

    // A connection string (key=value;…) names PostgreSQL; anything else is a SQLite file.
    private static StoreEngine EngineFor(string location)
    {
        if (!location.Contains('=', StringComparison.Ordinal) || File.Exists(location))
        {
            return new SqliteEngine(location);
        }

        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(location);
        }
        catch (ArgumentException e)
        {
            throw new StoreException($"'{StoreText.MaskPassword(location)}' is neither a SQLite file nor a PostgreSQL connection string: {e.Message}", e);
        }

        return new PostgresEngine(location);
    }

    /// <summary>Ingests files: CLEF and LST logs (plain or gzip) and PROV-JSON documents, each in a transaction of its own.</summary>
    /// <param name="files">The files (patterns such as <c>logs/*.log</c> are expanded).</param>
    /// <param name="options">How to ingest; null for the defaults.</param>
    /// <returns>What was done with each file.</returns>
    public IReadOnlyList<IngestedFile> Ingest(IEnumerable<string> files, IngestOptions? options = null)
    {
        var results = new List<IngestedFile>();
        foreach (var pattern in files)
        {
            IReadOnlyList<string> matched;
            try
            {
                matched = LogReader.Expand([pattern]);
            }
            catch (FileNotFoundException e)
            {
                // One name that matches nothing fails alone: the other files are still ingested.
                results.Add(new IngestedFile(pattern, null, IngestOutcome.Failed, 0, [], 0, e.Message));
                continue;
            }

            foreach (var file in matched)
            {
                results.Add(IngestOne(file, options ?? new IngestOptions()));
            }
        }

        // Once for the whole batch, not per file: settling a SQLite store flushes it to disk.
        if (results.Any(r => r.Outcome == IngestOutcome.Added))
        {
            _engine.Settle(_connection);
        }

        return results;
    }

    private IngestedFile IngestOne(string file, IngestOptions options)
    {
        string hash;
        long size;
        InputKind kind;
        try
        {
            (hash, size) = ContentHash(file);
            kind = size == 0 ? InputKind.Empty : InputKinds.Of(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new IngestedFile(file, null, IngestOutcome.Failed, 0, [], 0, $"cannot read it: {e.Message}");
        }

        if (kind == InputKind.Empty)
        {
            return new IngestedFile(file, null, IngestOutcome.Empty, 0, [], 0);
        }

        if (kind == InputKind.Other)
        {
            return new IngestedFile(file, null, IngestOutcome.Failed, 0, [], 0, "neither a provenance log (CLEF or LST __PROV__ lines), a PROV-JSON document nor a ctapipe provenance file");
        }

        var format = kind switch
        {
            InputKind.ProvJson => "prov-json",
            InputKind.CtapipeProvenance => "ctapipe",
            _ => "log",
        };
        if (Ingested(hash, null))
        {
            return new IngestedFile(file, format, IngestOutcome.AlreadyIngested, 0, [], 0);
        }

        // Read and merged before the write lock is taken: concurrent ingests wait only for each other's writes.
        IProvGraph graph;
        IReadOnlyList<ReadProblem> problems = [];
        long skipped = 0;
        var unstarted = 0;
        try
        {
            if (kind == InputKind.ProvJson)
            {
                graph = ProvJsonReader.Read(file);
            }
            else if (kind == InputKind.CtapipeProvenance)
            {
                graph = CtapipeProvenanceReader.Read(file);
            }
            else
            {
                var merged = ProvenanceMerger.Merge([file], new MergeOptions { Granularity = Granularity.Subrun });
                (graph, problems, skipped, unstarted) = (merged.Graph, merged.Problems, merged.SkippedLines, merged.UnstartedActivities);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException)
        {
            return new IngestedFile(file, format, IngestOutcome.Failed, 0, [], 0, e.Message);
        }

        using var transaction = _engine.BeginWrite(_connection);
        if (Ingested(hash, transaction))
        {
            // Another process ingested the same bytes while this one read them.
            return new IngestedFile(file, format, IngestOutcome.AlreadyIngested, 0, problems, skipped);
        }

        var document = Scalar(
            "INSERT INTO documents (source, format, content_hash, size, records, ingested_at, label, project) VALUES (@source, @format, @hash, @size, 0, @at, @label, @project) RETURNING id",
            transaction,
            ("@source", Path.GetFullPath(file)), ("@format", format), ("@hash", hash), ("@size", size), ("@at", StoreTime.Format(DateTimeOffset.UtcNow)), ("@label", options.Label), ("@project", options.Project));
        // Where the engine says so (SQLite, a file larger than the store), the rows go in without the secondary
        // indexes, made again after them. Inside the transaction: readers see the store as it was until the commit.
        var deferred = _engine.DeferredIndexes(_connection, transaction, size);
        foreach (var (name, _) in deferred)
        {
            Execute($"DROP INDEX {name}", transaction);
        }

        var written = new GraphWriter(_engine, new IngestScope(_connection, transaction, document)).Write(graph);
        foreach (var (_, definition) in deferred)
        {
            Execute(definition, transaction);
        }

        Scalar("UPDATE documents SET records = @records WHERE id = @id", transaction, ("@records", written), ("@id", document));
        transaction.Commit();
        return new IngestedFile(file, format, IngestOutcome.Added, written, problems, skipped) { UnstartedActivities = unstarted };
    }

    /// <summary>Walks the provenance of a node back (what it came from) or forth (what came of it), in one recursive query.</summary>
    /// <param name="node">A file path (absolute or relative to the working directory), an entity or activity id, or a content hash (every file with that content).</param>
    /// <param name="options">Direction, depth and node cap; null for back, all the way.</param>
    /// <returns>The nodes reached, nearest first, and the relations walked.</returns>
    /// <exception cref="StoreException">No node of the store is named so.</exception>
    public LineageResult Lineage(string node, LineageOptions? options = null) => Lineage([node], options);

    /// <summary>Walks the provenance of several nodes at once, like <see cref="Lineage(string, LineageOptions?)"/> from all of them.</summary>
    /// <param name="nodes">File paths, entity or activity ids, or content hashes; one at least.</param>
    /// <param name="options">Direction, depth and node cap; null for back, all the way.</param>
    /// <returns>The nodes reached, nearest first, and the relations walked.</returns>
    /// <exception cref="StoreException">No node of the store is named so by one of them.</exception>
    public LineageResult Lineage(IReadOnlyList<string> nodes, LineageOptions? options = null)
    {
        options ??= new LineageOptions();
        var hidden = StoreBrowser.Hidden(_connection, options.Projects);
        var start = nodes.SelectMany(n => Resolve(n, hidden)).DistinctBy(s => s.Id).ToList();
        if (start.Count == 0)
        {
            throw new ArgumentException("a lineage needs a node to start from", nameof(nodes));
        }

        LineageResult lineage;
        using (var stream = Walk(start, options, hidden))
        {
            List<LineageNode> reached = [.. stream.Nodes.OrderBy(n => n.Depth).ThenBy(n => n.Id, StringComparer.Ordinal)];
            lineage = new LineageResult(stream.Start, stream.Direction, reached, stream.Edges, stream.Truncated);
        }

        return options.WithAgents ? WithAgents(lineage, hidden, options.WithAttributes) : lineage;
    }

    /// <summary>
    /// Walks the provenance of a node like <see cref="Lineage(string, LineageOptions?)"/>, handing each node over as the store returns
    /// it: for a walk too big to hold (every product of a night), written out as it is read.
    /// </summary>
    /// <param name="node">A file path, an entity or activity id, or a content hash.</param>
    /// <param name="options">Direction, depth and node cap; null for back, all the way.</param>
    /// <returns>The open walk; dispose of it before the next query on this store.</returns>
    /// <exception cref="StoreException">No node of the store is named so.</exception>
    public LineageStream StreamLineage(string node, LineageOptions? options = null)
    {
        options ??= new LineageOptions();
        var hidden = StoreBrowser.Hidden(_connection, options.Projects);
        return Walk(Resolve(node, hidden), options, hidden);
    }

    /// <summary>
    /// A run folded to its kinds, as at the merge's run granularity: one activity per activity name and one
    /// file per file name (a collection when several), each with <c>provcap:member_count</c>, or
    /// <c>provcap:member</c> (its id) for a group of one; <c>used</c> and <c>wasGeneratedBy</c> between them.
    /// Small whatever the number of subruns.
    /// </summary>
    /// <param name="run">The run number.</param>
    /// <param name="projects">The projects whose documents may be seen (with those of no project); null: every one.</param>
    /// <returns>The folded run; an empty document when the store holds no activity of the run (seen).</returns>
    public ProvDocument RunOverview(long run, IReadOnlyCollection<string>? projects = null)
        => StoreBrowser.RunOverview(_connection, run, StoreBrowser.Hidden(_connection, projects));

    /// <summary>Everything the store knows of a node: its element with all its attributes, where it was read, its relations both ways.</summary>
    /// <param name="node">A file path, an entity, activity or agent id, or a content hash (every file with that content).</param>
    /// <param name="projects">The projects whose documents may be seen (with those of no project); null: every one.</param>
    /// <returns>The node (several for a path or hash naming several files); none when no document seen declares it.</returns>
    public IReadOnlyList<NodeDetails> Describe(string node, IReadOnlyCollection<string>? projects = null)
    {
        var hidden = StoreBrowser.Hidden(_connection, projects);
        List<(long Id, string Key)> found;
        try
        {
            found = Resolve(node, hidden, agents: true);
        }
        catch (StoreException)
        {
            return [];
        }

        return [.. found.Select(f => StoreBrowser.Describe(_connection, f.Id, f.Key, hidden)).OfType<NodeDetails>()];
    }

    /// <summary>The runs of every night, newest night first, with their subruns, activities, failures and time span.</summary>
    /// <param name="projects">The projects whose documents may be seen (with those of no project); null: every one.</param>
    /// <returns>The runs.</returns>
    public IReadOnlyList<RunSummary> Runs(IReadOnlyCollection<string>? projects = null)
        => StoreBrowser.Runs(_connection, StoreBrowser.Hidden(_connection, projects));

    /// <summary>A number that grows with every document ingested: what was read of the store holds while it stays the same.</summary>
    /// <returns>How many documents the store holds (none is ever removed; the newest id would miss a concurrent ingest that committed after a later one).</returns>
    public long Revision() => Scalar("SELECT COUNT(*) FROM documents");

    private LineageStream Walk(List<(long Id, string Key)> start, LineageOptions options, string? hidden)
    {
        var seeds = start.Select(s => s.Id).ToList();
        var command = Command(LineageQuery.Sql(seeds, options.Direction, options.Depth, options.WithAttributes, options.FollowMembers, hidden), null);
        try
        {
            return new LineageStream(command, [.. start.Select(s => s.Key)], options, seeds);
        }
        catch
        {
            command.Dispose();
            throw;
        }
    }

    // The agents of a lineage's activities (association) and files (attribution), added with those relations.
    private LineageResult WithAgents(LineageResult lineage, string? hidden, bool withAttributes)
    {
        const int Batch = 500;
        var nodes = new List<LineageNode>(lineage.Nodes);
        var edges = new List<LineageEdge>(lineage.Edges);
        var agents = new HashSet<string>(StringComparer.Ordinal);
        var keys = lineage.Nodes.Where(n => n.Kind is "activity" or "entity").Select(n => (n.Id, n.Depth)).ToList();
        for (var offset = 0; offset < keys.Count; offset += Batch)
        {
            var batch = keys.Skip(offset).Take(Batch).ToList();
            var names = batch.Select((k, i) => ($"@k{i}", (object?)k.Id)).ToArray();
            using var command = Command(
                $"""
                SELECT s.key, r.kind, o.key, r.role, g.name, g.attributes FROM nodes s CROSS JOIN relations r CROSS JOIN nodes o LEFT JOIN agents g ON g.node = r.object
                WHERE s.key IN ({string.Join(", ", names.Select(n => n.Item1))}) AND r.subject = s.id AND r.kind IN ({RelationKinds.Code("wasAssociatedWith")}, {RelationKinds.Code("wasAttributedTo")}) AND o.id = r.object{LineageQuery.Visible("r", "object", hidden)}
                ORDER BY s.key, o.key
                """,
                null,
                names);
            using var reader = command.ExecuteReader();
            var depths = batch.ToDictionary(k => k.Id, k => k.Depth, StringComparer.Ordinal);
            while (reader.Read())
            {
                var (subject, agent) = (reader.GetString(0), reader.GetString(2));
                edges.Add(new LineageEdge(RelationKinds.Name(reader.GetInt32(1)), subject, agent, reader.IsDBNull(3) || reader.GetString(3).Length == 0 ? null : reader.GetString(3)));
                if (agents.Add(agent))
                {
                    nodes.Add(new LineageNode(agent, "agent", reader.IsDBNull(4) ? null : reader.GetString(4), null, null, null, depths[subject]) { Attributes = withAttributes ? StoredAttributes.Of(reader, 5, StoreTables.Agents, 6) : null });
                }
            }
        }

        return new LineageResult(lineage.Start, lineage.Direction, nodes, edges, lineage.Truncated);
    }

    // A node named as an id (with or without its prefix), a path, or a content hash; declared by a document seen.
    private List<(long Id, string Key)> Resolve(string node, string? hidden, bool agents = false)
    {
        var seen = hidden is null ? string.Empty : $" AND x.document NOT IN ({hidden})";
        var element = $"(EXISTS (SELECT 1 FROM entities x WHERE x.node = n.id{seen}) OR EXISTS (SELECT 1 FROM activities x WHERE x.node = n.id{seen})"
            + (agents ? $" OR EXISTS (SELECT 1 FROM agents x WHERE x.node = n.id{seen}))" : ")");
        foreach (var id in new[] { node, "ent:" + node, "act:" + node }.Concat(agents ? ["agent:" + node] : []))
        {
            var found = Nodes($"SELECT n.id, n.key FROM nodes n WHERE n.key = @value AND {element}", id);
            if (found.Count > 0)
            {
                return found;
            }
        }

        var path = Path.GetFullPath(node);
        var byPath = Nodes($"SELECT n.id, n.key FROM entities x JOIN nodes n ON n.id = x.node WHERE x.location = @value{seen} ORDER BY n.key", path);
        if (byPath.Count > 0)
        {
            return byPath;
        }

        var byHash = Nodes($"SELECT n.id, n.key FROM entities x JOIN nodes n ON n.id = x.node WHERE x.hash = @value{seen} ORDER BY n.key", node.ToLowerInvariant());
        return byHash.Count > 0
            ? byHash
            : throw new StoreException($"no file, entity or activity named '{node}' in the store {Location} (looked for the id, the path '{path}' and the content hash)");
    }

    /// <summary>Finds activities, or files when an entity criterion is given, page by page.</summary>
    /// <param name="query">The criteria.</param>
    /// <returns>One page of what matches, and how many match in all.</returns>
    public FindResult Find(FindQuery query) => StoreFinder.Find(_connection, query, StoreBrowser.Hidden(_connection, query.Projects));

    /// <summary>How much the store holds.</summary>
    /// <returns>Counts per kind and per observation night, and the size on disk.</returns>
    public StoreStats Stats()
    {
        var nights = new List<(string? Night, long Activities)>();
        using (var command = Command("SELECT observation_date, COUNT(*) FROM activities GROUP BY observation_date ORDER BY observation_date IS NULL, observation_date", null))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                nights.Add((reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1)));
            }
        }

        return new StoreStats(
            Scalar("SELECT COUNT(*) FROM documents"),
            Scalar("SELECT COUNT(*) FROM activities"),
            Scalar("SELECT COUNT(*) FROM entities"),
            Scalar("SELECT COUNT(*) FROM agents"),
            Scalar("SELECT COUNT(*) FROM relations"),
            nights,
            _engine.SizeInBytes(_connection));
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    private DbCommand Command(string sql, DbTransaction? transaction, params (string Name, object? Value)[] parameters)
        => Sql.Command(_connection, sql, transaction, parameters);

    private long Scalar(string sql, params (string Name, object? Value)[] parameters) => Scalar(sql, null, parameters);

    // Whether a file with these bytes is in the store already.
    private bool Ingested(string hash, DbTransaction? transaction)
        => Scalar("SELECT COUNT(*) FROM documents WHERE content_hash = @hash", transaction, ("@hash", hash)) > 0;

    private void Execute(string sql, DbTransaction transaction)
    {
        using var command = Command(sql, transaction);
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql, DbTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, transaction, parameters);
        return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
    }

    private List<(long Id, string Key)> Nodes(string sql, string value)
    {
        using var command = Command(sql, null, ("@value", value));
        using var reader = command.ExecuteReader();
        var nodes = new List<(long, string)>();
        while (reader.Read())
        {
            nodes.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return nodes;
    }

    private static (string Hash, long Size) ContentHash(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        return (Convert.ToHexStringLower(SHA256.HashData(stream)), stream.Length);
    }
}
