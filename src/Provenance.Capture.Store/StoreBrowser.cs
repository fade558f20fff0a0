using System.Data.Common;
using System.Globalization;
using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Store;

/// <summary>The SQL of browsing a store — its runs, one node whole, the documents a project scope hides — the same on both engines.</summary>
internal static class StoreBrowser
{
    /// <summary>How many relations of each way <see cref="Describe"/> reads at most.</summary>
    public const int RelationsShown = 200;

    private static readonly int Generated = RelationKinds.Code("wasGeneratedBy");
    private static readonly int Used = RelationKinds.Code("used");

    /// <summary>The documents the projects may not see, as SQL list items; null when none is hidden.</summary>
    /// <param name="connection">The store.</param>
    /// <param name="projects">The projects seen (with the documents of no project); null: every one.</param>
    public static string? Hidden(DbConnection connection, IReadOnlyCollection<string>? projects)
    {
        if (projects is null)
        {
            return null;
        }

        var names = projects.Select((p, i) => ($"@p{i}", (object?)p)).ToArray();
        var seen = names.Length == 0 ? string.Empty : $" AND project NOT IN ({string.Join(", ", names.Select(n => n.Item1))})";
        using var command = Sql.Command(connection, $"SELECT id FROM documents WHERE project IS NOT NULL{seen} ORDER BY id", null, names);
        using var reader = command.ExecuteReader();
        var hidden = new List<string>();
        while (reader.Read())
        {
            hidden.Add(reader.GetInt64(0).ToString(CultureInfo.InvariantCulture));
        }

        return hidden.Count == 0 ? null : string.Join(", ", hidden);
    }

    public static IReadOnlyList<RunSummary> Runs(DbConnection connection, string? hidden)
    {
        var seen = hidden is null ? string.Empty : $" AND document NOT IN ({hidden})";
        using var command = Sql.Command(
            connection,
            $"""
            SELECT MAX(observation_date), run, COUNT(DISTINCT subrun), COUNT(*), SUM(CASE WHEN status IN ('failed', 'incomplete') THEN 1 ELSE 0 END), MIN(start_time), MAX(end_time)
            FROM activities WHERE run IS NOT NULL{seen}
            GROUP BY run
            ORDER BY MAX(observation_date) IS NULL, MAX(observation_date) DESC, run DESC
            """,
            null);
        using var reader = command.ExecuteReader();
        var runs = new List<RunSummary>();
        while (reader.Read())
        {
            runs.Add(new RunSummary(
                reader.IsDBNull(0) ? null : reader.GetString(0),
                reader.GetInt64(1),
                reader.GetInt64(2),
                reader.GetInt64(3),
                reader.GetInt64(4),
                StoreTime.Parse(reader.IsDBNull(5) ? null : reader.GetString(5)),
                StoreTime.Parse(reader.IsDBNull(6) ? null : reader.GetString(6))));
        }

        return runs;
    }

    /// <summary>The node of this key whole; null when no document seen declares it.</summary>
    public static NodeDetails? Describe(DbConnection connection, long node, string key, string? hidden)
    {
        var seen = hidden is null ? string.Empty : $" AND x.document NOT IN ({hidden})";
        var element = Element(connection, node, key, seen, out var run, out var source, out var project);
        if (element is null)
        {
            return null;
        }

        var relations = new List<NodeRelation>();
        var more = false;
        foreach (var (from, to) in new[] { ("subject", "object"), ("object", "subject") })
        {
            using var command = Sql.Command(
                connection,
                $"""
                SELECT r.kind, s.key, o.key, r.role,
                    CASE WHEN a.node IS NOT NULL THEN 'activity' WHEN e.node IS NOT NULL THEN 'entity' WHEN g.node IS NOT NULL THEN 'agent' ELSE 'unknown' END,
                    COALESCE(a.name, e.name, g.name), e.location
                FROM relations r CROSS JOIN nodes s CROSS JOIN nodes o
                LEFT JOIN activities a ON a.node = r.{to}{Seen("a", hidden)} LEFT JOIN entities e ON e.node = r.{to}{Seen("e", hidden)} LEFT JOIN agents g ON g.node = r.{to}{Seen("g", hidden)}
                WHERE r.{from} = @node AND s.id = r.subject AND o.id = r.object{LineageQuery.Visible("r", to, hidden)}
                LIMIT {RelationsShown + 1}
                """,
                null,
                ("@node", node));
            using var reader = command.ExecuteReader();
            var read = 0;
            while (reader.Read())
            {
                if (++read > RelationsShown)
                {
                    more = true;
                    break;
                }

                relations.Add(new NodeRelation(RelationKinds.Name(reader.GetInt32(0)), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) || reader.GetString(3).Length == 0 ? null : reader.GetString(3))
                {
                    OtherKind = reader.GetString(4),
                    OtherName = reader.IsDBNull(5) ? null : reader.GetString(5),
                    OtherLocation = reader.IsDBNull(6) ? null : reader.GetString(6),
                });
            }
        }

        if (element.Kind == ProvElementKind.Entity)
        {
            run = FileRun(connection, node, seen);
        }

        return new NodeDetails(element, run.Run, run.Subrun, source!, project, relations, more);
    }

    private static string Seen(string table, string? hidden) => hidden is null ? string.Empty : $" AND {table}.document NOT IN ({hidden})";

    private static ProvElement? Element(DbConnection connection, long node, string key, string seen, out (long? Run, long? Subrun) run, out string? source, out string? project)
    {
        (run, source, project) = (default, null, null);
        foreach (var (kind, table, columns) in new[]
        {
            (ProvElementKind.Activity, StoreTables.Activities, "x.run, x.subrun, x.start_time, x.end_time"),
            (ProvElementKind.Entity, StoreTables.Entities, "NULL, NULL, NULL, NULL"),
            (ProvElementKind.Agent, StoreTables.Agents, "NULL, NULL, NULL, NULL"),
        })
        {
            var held = table.Held.Count > 0 ? ", " + table.HeldList("x") : string.Empty;
            using var command = Sql.Command(connection, $"SELECT x.attributes, d.source, d.project, {columns}{held} FROM {table.Name} x JOIN documents d ON d.id = x.document WHERE x.node = @node{seen}", null, ("@node", node));
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                continue;
            }

            var element = new ProvElement(kind, key)
            {
                StartTime = StoreTime.Parse(reader.IsDBNull(5) ? null : reader.GetString(5)),
                EndTime = StoreTime.Parse(reader.IsDBNull(6) ? null : reader.GetString(6)),
            };
            StoredAttributes.Of(reader, 0, table, 7)!.AddTo(element, table);
            (run, source, project) = ((reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetInt64(4)), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
            return element;
        }

        return null;
    }

    // A file's run: that of the activity that made it, else of one that used it (as in a lineage).
    private static (long? Run, long? Subrun) FileRun(DbConnection connection, long node, string seen)
    {
        using var command = Sql.Command(
            connection,
            $"""
            SELECT x.run, x.subrun FROM relations r JOIN activities x ON x.node = r.object WHERE r.subject = @node AND r.kind = {Generated}{seen}
            UNION ALL
            SELECT x.run, x.subrun FROM relations r JOIN activities x ON x.node = r.subject WHERE r.object = @node AND r.kind = {Used}{seen}
            LIMIT 1
            """,
            null,
            ("@node", node));
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1)) : default;
    }

    /// <summary>A run folded to its kinds: one node per activity name and one per file name, with how many of each.</summary>
    public static ProvDocument RunOverview(DbConnection connection, long run, string? hidden)
    {
        var seen = hidden is null ? string.Empty : $" AND a.document NOT IN ({hidden})";
        var document = new ProvDocument();
        using (var command = Sql.Command(
            connection,
            $"""
            SELECT a.name, COUNT(*), SUM(CASE WHEN a.status IN ('failed', 'incomplete') THEN 1 ELSE 0 END), MIN(a.start_time), MAX(a.end_time), MIN(n.key)
            FROM activities a JOIN nodes n ON n.id = a.node WHERE a.run = @run{seen} GROUP BY a.name ORDER BY a.name
            """,
            null,
            ("@run", run)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var name = reader.IsDBNull(0) ? "(unnamed)" : reader.GetString(0);
                var element = Group(document, ProvElementKind.Activity, run, name, reader.GetInt64(1), reader.GetString(5));
                element.StartTime = StoreTime.Parse(reader.IsDBNull(3) ? null : reader.GetString(3));
                element.EndTime = StoreTime.Parse(reader.IsDBNull(4) ? null : reader.GetString(4));
                if (reader.GetInt64(2) > 0)
                {
                    element.Set("provcap:status", new ProvLiteral("failed", null));
                    element.Set("provcap:failures", new ProvLiteral(reader.GetInt64(2).ToString(CultureInfo.InvariantCulture), "xsd:long"));
                }
            }
        }

        // Each activity's used and generated files (seen) with their names, then grouped twice: by activity,
        // relation and file name for the edges, by file name alone for the file nodes. The files' names are
        // read in the walk, row by row: joined after it, PostgreSQL (which guesses 40 times the rows) scanned
        // every entity of the store (1.7 s for a run of the 10-night store).
        using (var command = Sql.Command(
            connection,
            $"""
            WITH acts AS (SELECT a.node, a.name FROM activities a WHERE a.run = @run{seen}),
            links(activity, kind, file, role, name, key) AS (
                SELECT x.name, r.kind, r.object, r.role, e.name, n.key FROM acts x CROSS JOIN relations r CROSS JOIN entities e CROSS JOIN nodes n
                WHERE r.subject = x.node AND r.kind = {Used} AND e.node = r.object AND n.id = r.object{LineageQuery.Visible("r", "object", hidden)}
                UNION ALL
                SELECT x.name, r.kind, r.subject, r.role, e.name, n.key FROM acts x CROSS JOIN relations r CROSS JOIN entities e CROSS JOIN nodes n
                WHERE r.object = x.node AND r.kind = {Generated} AND e.node = r.subject AND n.id = r.subject{LineageQuery.Visible("r", "subject", hidden)}
            )
            SELECT 0, NULL, NULL, name, NULL, COUNT(DISTINCT file), MIN(key) FROM links GROUP BY name
            UNION ALL
            SELECT 1, activity, kind, name, role, COUNT(DISTINCT file), NULL FROM links GROUP BY activity, kind, name, role
            """,
            null,
            ("@run", run)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var file = reader.IsDBNull(3) ? "(unnamed)" : reader.GetString(3);
                if (reader.GetInt32(0) == 0)
                {
                    var element = Group(document, ProvElementKind.Entity, run, file, reader.GetInt64(5), reader.GetString(6));
                    if (reader.GetInt64(5) > 1)
                    {
                        element.Set("prov:type", new ProvLiteral("prov:Collection", "prov:QUALIFIED_NAME"));
                    }

                    continue;
                }

                var (activity, entity) = (GroupId(ProvElementKind.Activity, run, reader.IsDBNull(1) ? "(unnamed)" : reader.GetString(1)), GroupId(ProvElementKind.Entity, run, file));
                var role = reader.IsDBNull(4) || reader.GetString(4).Length == 0 ? null : reader.GetString(4);
                document.Add(reader.GetInt32(2) == Used
                    ? new ProvRelation(ProvRelationKind.Used, activity, entity) { Role = role }
                    : new ProvRelation(ProvRelationKind.WasGeneratedBy, entity, activity) { Role = role });
            }
        }

        return document;
    }

    /// <summary>The id of a folded node of <see cref="RunOverview"/>.</summary>
    public static string GroupId(ProvElementKind kind, long run, string name)
        => $"provcap:run{run.ToString(CultureInfo.InvariantCulture)}/{(kind == ProvElementKind.Activity ? "activity" : "file")}/{name}";

    private static ProvElement Group(ProvDocument document, ProvElementKind kind, long run, string name, long count, string first)
    {
        var element = document.Element(kind, GroupId(kind, run, name));
        element.Set("prov:label", new ProvLiteral(name, null));

        // The one member of a group of one: a view links the group to it.
        element.Set(count == 1 ? "provcap:member" : "provcap:member_count", count == 1 ? new ProvLiteral(first, null) : new ProvLiteral(count.ToString(CultureInfo.InvariantCulture), "xsd:long"));

        return element;
    }
}
