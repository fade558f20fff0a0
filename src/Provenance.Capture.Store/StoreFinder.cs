using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Provenance.Capture.Store;

/// <summary>The SQL of the store's find: one condition per criterion, the same on both engines.</summary>
internal static class StoreFinder
{
    public static FindResult Find(DbConnection connection, FindQuery query, string? hidden)
    {
        if (query.Limit <= 0 || query.Offset < 0)
        {
            throw new StoreException($"a page needs a positive limit and an offset of 0 or more (got limit {query.Limit}, offset {query.Offset})");
        }

        var parameters = new List<(string, object?)>();
        var activity = ActivityConditions(query, parameters);
        var seen = hidden is null ? string.Empty : $" AND a.document NOT IN ({hidden}) AND r.document NOT IN ({hidden})";

        string from, order, columns;
        if (query.FindsEntities)
        {
            var conditions = hidden is null ? new List<string>() : [$"e.document NOT IN ({hidden})"];
            if (query.EntityName is { } name)
            {
                conditions.Add("e.name = @entity_name");
                parameters.Add(("@entity_name", name));
            }

            if (query.Location is { } location)
            {
                conditions.Add(@"e.location LIKE @location ESCAPE '\'");
                parameters.Add(("@location", LikePattern(location.Contains('*', StringComparison.Ordinal) ? location : Path.GetFullPath(location))));
            }

            if (query.Hash is { } hash)
            {
                conditions.Add("e.hash = @hash");
                parameters.Add(("@hash", hash.ToLowerInvariant()));
            }

            if (activity.Count > 0)
            {
                // Files that an activity matching the activity criteria used or generated.
                var matching = string.Join(" AND ", activity);
                conditions.Add($"""
                    e.node IN (SELECT r.object FROM relations r JOIN activities a ON a.node = r.subject WHERE r.kind = {RelationKinds.Code("used")} AND {matching}{seen}
                               UNION SELECT r.subject FROM relations r JOIN activities a ON a.node = r.object WHERE r.kind = {RelationKinds.Code("wasGeneratedBy")} AND {matching}{seen})
                    """);
            }

            (from, order, columns) = ($"entities e JOIN nodes n ON n.id = e.node WHERE {string.Join(" AND ", conditions)}", "e.location, n.key", "n.key, e.name, e.location, e.hash");
        }
        else
        {
            if (hidden is not null)
            {
                activity.Add($"a.document NOT IN ({hidden})");
            }

            (from, order, columns) = ($"activities a JOIN nodes n ON n.id = a.node{(activity.Count > 0 ? " WHERE " + string.Join(" AND ", activity) : string.Empty)}", "a.start_time, n.key", "n.key, a.name, a.run, a.subrun, a.status, a.start_time");
        }

        var items = new List<FoundItem>();
        using (var command = Sql.Command(connection, $"SELECT {columns} FROM {from} ORDER BY {order} LIMIT @limit OFFSET @offset", null, [.. parameters, ("@limit", query.Limit), ("@offset", query.Offset)]))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                items.Add(query.FindsEntities ? EntityOf(reader) : ActivityOf(reader));
            }
        }

        using var count = Sql.Command(connection, $"SELECT COUNT(*) FROM {from}", null, [.. parameters]);
        return new FindResult(items, Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture));
    }

    private static List<string> ActivityConditions(FindQuery query, List<(string, object?)> parameters)
    {
        var conditions = new List<string>();
        void Add(string condition, string name, object? value)
        {
            conditions.Add(condition);
            parameters.Add((name, value));
        }

        if (query.Run is { } run)
        {
            Add("a.run = @run", "@run", Number(run, "run"));
        }

        if (query.Subrun is { } subrun)
        {
            Add("a.subrun = @subrun", "@subrun", Number(subrun, "subrun"));
        }

        if (query.Date is { } date)
        {
            Add("a.observation_date = @date", "@date", date);
        }

        if (query.Activity is { } name)
        {
            Add("a.name = @activity", "@activity", name);
        }

        if (query.Status is { } status)
        {
            Add("a.status = @status", "@status", status);
        }

        if (query.From is { } start)
        {
            Add("a.start_time >= @from", "@from", StoreTime.Format(start));
        }

        if (query.To is { } end)
        {
            Add("a.start_time < @to", "@to", StoreTime.Format(end));
        }

        if (query.Agent is { } agent)
        {
            Add($"EXISTS (SELECT 1 FROM relations g JOIN agents s ON s.node = g.object WHERE g.subject = a.node AND g.kind = {RelationKinds.Code("wasAssociatedWith")} AND s.name = @agent)", "@agent", agent);
        }

        return conditions;
    }

    private static long Number(string text, string what)
        => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new StoreException($"'{text}' is not a {what} number");

    // A path pattern with * as SQL LIKE: the pattern's own % and _ (and the escape) are literal.
    private static string LikePattern(string pattern)
    {
        var like = new StringBuilder(pattern.Length + 8);
        foreach (var c in pattern)
        {
            like.Append(c switch
            {
                '*' => "%",
                '%' or '_' or '\\' => "\\" + c,
                _ => c.ToString(),
            });
        }

        return like.ToString();
    }

    private static FoundItem ActivityOf(DbDataReader reader)
        => new(reader.GetString(0), "activity", Text(reader, 1), null, Long(reader, 2), Long(reader, 3), Text(reader, 4), StoreTime.Parse(Text(reader, 5)), null);

    private static FoundItem EntityOf(DbDataReader reader)
        => new(reader.GetString(0), "entity", Text(reader, 1), Text(reader, 2), null, null, null, null, Text(reader, 3));

    private static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static long? Long(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetInt64(column);
}
