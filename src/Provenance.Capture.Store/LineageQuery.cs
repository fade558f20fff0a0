using System.Data.Common;
using System.Globalization;

namespace Provenance.Capture.Store;

/// <summary>
/// The SQL of a lineage, the same on both engines: one recursive walk over the relations that
/// deduplicates by node (a node reached along many paths is walked once), whose result is read three
/// times: first every relation walked (<see cref="RelationRow"/>), then every activity reached
/// (<see cref="ActivityRow"/>), then every other node (<see cref="NodeRow"/>), with what the store knows of each.
/// </summary>
internal static class LineageQuery
{
    /// <summary>The first column of a relation's row.</summary>
    public const int RelationRow = 0;

    /// <summary>The first column of an activity's row.</summary>
    public const int ActivityRow = 1;

    /// <summary>The first column of another node's row: an entity, or a node no document declared.</summary>
    public const int NodeRow = 2;

    /// <summary>The first of the columns that an element's row holds its attributes in (<see cref="StoreTable.Held"/>), read with its attributes.</summary>
    public const int HeldColumns = 15;

    /// <summary>The query from the given nodes; a limited depth walks (node, depth) pairs, bounded by it.</summary>
    /// <param name="seeds">The nodes to start from.</param>
    /// <param name="direction">Which way.</param>
    /// <param name="depth">How far; null: all the way.</param>
    /// <param name="withAttributes">Whether the rows carry the elements' PROV attributes.</param>
    /// <param name="members">Whether <c>hadMember</c> is walked.</param>
    /// <param name="hidden">The documents not to be seen, as SQL list items; null: none.</param>
    public static string Sql(IReadOnlyList<long> seeds, LineageDirection direction, int? depth, bool withAttributes, bool members = true, string? hidden = null)
    {
        var (from, to) = direction == LineageDirection.Back ? ("subject", "object") : ("object", "subject");
        var step = $"+r.kind IN ({RelationKinds.WalkedCodes(members)}){Visible("r", to, hidden)}";
        var start = string.Join(", ", seeds.Select(s => s.ToString(CultureInfo.InvariantCulture)));
        var walk = depth is { } limit
            ? $"""
                walk(node, depth) AS (
                    SELECT id, 0 FROM nodes WHERE id IN ({start})
                    UNION
                    SELECT r.{to}, w.depth + 1 FROM walk w CROSS JOIN relations r
                    WHERE r.{from} = w.node AND w.depth < {limit} AND {step}
                ),
                reached(node) AS (SELECT DISTINCT node FROM walk),
                stepped(node) AS (SELECT DISTINCT node FROM walk WHERE depth < {limit})
                """
            : $"""
                walk(node) AS (
                    SELECT id FROM nodes WHERE id IN ({start})
                    UNION
                    SELECT r.{to} FROM walk w CROSS JOIN relations r
                    WHERE r.{from} = w.node AND {step}
                ),
                reached(node) AS (SELECT node FROM walk),
                stepped(node) AS (SELECT node FROM walk)
                """;

        // CROSS JOIN: SQLite then reads the walk first and each node's relations by index; without it,
        // SQLite 3.49 scanned every relation of the store for a walk of six nodes (PostgreSQL plans it as a
        // join). +r.kind: one index seek per node and kind filtered, instead of one seek per kind walked.
        // Activities come before the other nodes: a file's run is then known from the activity next to it.
        var attributes = withAttributes ? "x.attributes" : "NULL";
        // The held columns of either table, as many for both (the entities' count), nulls without the attributes.
        string Held(StoreTable? table)
        {
            var read = table is not null && withAttributes ? table.Held.Count : 0;
            return string.Join(", ", (read > 0 ? [table!.HeldList("x")] : Array.Empty<string>()).Concat(Enumerable.Repeat("NULL", StoreTables.Entities.Held.Count - read)));
        }
        return $"""
            WITH RECURSIVE {walk}
            SELECT {RelationRow}, r.{from}, r.{to}, r.kind, r.role, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {Held(null)}
            FROM stepped w CROSS JOIN relations r
            WHERE r.{from} = w.node AND {step}
            UNION ALL
            SELECT {ActivityRow}, w.node, NULL, NULL, NULL, n.key, x.name, NULL, NULL, x.run, x.subrun, x.status, x.start_time, x.end_time, {attributes}, {Held(StoreTables.Activities)}
            FROM reached w CROSS JOIN activities x CROSS JOIN nodes n
            WHERE x.node = w.node AND n.id = w.node
            UNION ALL
            SELECT {NodeRow}, w.node, x.node, NULL, NULL, n.key, x.name, x.location, x.hash, NULL, NULL, NULL, NULL, NULL, {attributes}, {Held(StoreTables.Entities)}
            FROM reached w CROSS JOIN nodes n LEFT JOIN entities x ON x.node = w.node
            WHERE n.id = w.node AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.node = w.node)
            """;
    }

    /// <summary>
    /// The condition that relation <paramref name="relation"/> is seen: no hidden document holds it, nor declares
    /// the node it leads to (its <paramref name="to"/> column). Empty when nothing is hidden.
    /// </summary>
    public static string Visible(string relation, string to, string? hidden) => hidden is null
        ? string.Empty
        : $"""
             AND {relation}.document NOT IN ({hidden})
             AND NOT EXISTS (SELECT 1 FROM entities v WHERE v.node = {relation}.{to} AND v.document IN ({hidden}))
             AND NOT EXISTS (SELECT 1 FROM activities v WHERE v.node = {relation}.{to} AND v.document IN ({hidden}))
            """;

    /// <summary>The node of an <see cref="ActivityRow"/> or a <see cref="NodeRow"/>; a file's run and subrun are given.</summary>
    public static LineageNode NodeOf(DbDataReader reader, int depth, (long? Run, long? Subrun) beside)
    {
        string? Text(int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
        long? Number(int column) => reader.IsDBNull(column) ? null : reader.GetInt64(column);
        var id = reader.GetString(5);
        if (reader.GetInt32(0) == ActivityRow)
        {
            return new LineageNode(id, "activity", Text(6), null, Number(9), Number(10), depth)
            {
                Status = Text(11),
                Start = StoreTime.Parse(Text(12)),
                End = StoreTime.Parse(Text(13)),
                Attributes = StoredAttributes.Of(reader, 14, StoreTables.Activities, HeldColumns),
            };
        }

        // The third column holds the entity's key when the node is one (a file may have neither name nor path).
        return reader.IsDBNull(2)
            ? new LineageNode(id, "unknown", null, null, null, null, depth)
            : new LineageNode(id, "entity", Text(6), Text(7), beside.Run, beside.Subrun, depth) { Hash = Text(8), Attributes = StoredAttributes.Of(reader, 14, StoreTables.Entities, HeldColumns) };
    }
}
