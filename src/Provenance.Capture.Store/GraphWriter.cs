using System.Globalization;
using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Store;

/// <summary>
/// Writes one PROV graph into the store's tables inside the caller's transaction, table after table
/// (an engine streams one table at a time), each row an upsert as <see cref="StoreTables"/> says.
/// </summary>
internal sealed class GraphWriter(StoreEngine engine, IngestScope scope)
{
    private const string Incomplete = "incomplete";
    private const string SessionAgent = "agent:session_";

    /// <summary>Writes the graph.</summary>
    /// <returns>How many elements and relations were written (stored before or not).</returns>
    public long Write(IProvGraph graph)
    {
        var descriptions = new HashSet<(string Kind, string Name, string Description)>();
        var sessions = SessionsOf(graph);
        var written = Table(StoreTables.Entities, rows =>
        {
            foreach (var element in graph.Elements(ProvElementKind.Entity))
            {
                rows.Node(element.Id).Text(element.Get("prov:label")).Text(element.Get("prov:type")).Text(element.Get("prov:location"))
                    .Text(element.Get("provcap:hash")).Text(element.Get("provcap:hash_type")).Number(Number(element.Get("provcap:size")))
                    .Text(element.Get("provcap:contentType")).Text(AttributesJson.Write(element)).EndRow();
                Describe(descriptions, "entity", element);
            }
        });
        written += Table(StoreTables.Activities, rows =>
        {
            foreach (var element in graph.Elements(ProvElementKind.Activity))
            {
                rows.Node(element.Id).Text(element.Get("prov:label")).Text(StoreTime.Format(element.StartTime)).Text(StoreTime.Format(element.EndTime))
                    .Text(StatusOf(element)).Number(Number(element.Get("provcap:run"))).Number(Number(element.Get("provcap:subrun")))
                    .Text(element.Get("provcap:observation_date")).Node(sessions.GetValueOrDefault(element.Id)).Text(AttributesJson.Write(element)).EndRow();
                Describe(descriptions, "activity", element);
            }
        });
        written += Table(StoreTables.Agents, rows =>
        {
            foreach (var element in graph.Elements(ProvElementKind.Agent))
            {
                rows.Node(element.Id).Text(element.Get("prov:label")).Text(element.Get("prov:type")).Text(AttributesJson.Write(element)).EndRow();
                Describe(descriptions, "agent", element);
            }
        });
        written += Table(StoreTables.Relations, rows =>
        {
            foreach (var shape in ProvRelationShape.All)
            {
                var kind = RelationKinds.Code(shape.Name);
                foreach (var relation in graph.Relations(shape.Kind))
                {
                    rows.Node(relation.Subject).Number(kind).Node(relation.Object).Text(relation.Role ?? string.Empty)
                        .Text(StoreTime.Format(relation.Time)).EndRow();
                }
            }
        });
        Table(StoreTables.Descriptions, rows =>
        {
            foreach (var (kind, name, description) in descriptions)
            {
                rows.Text(kind).Text(name).Text(description).EndRow();
            }
        });
        return written;
    }

    // The session of each activity: the session agent it was associated with.
    private static Dictionary<string, string> SessionsOf(IProvGraph graph)
    {
        var sessions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var relation in graph.Relations(ProvRelationKind.WasAssociatedWith))
        {
            if (relation.Object.StartsWith(SessionAgent, StringComparison.Ordinal))
            {
                sessions.TryAdd(relation.Subject, relation.Object);
            }
        }

        return sessions;
    }

    // One status per call: the end's, or "incomplete" when the call never ended.
    private static string? StatusOf(ProvElement activity)
    {
        if (!activity.Attributes.TryGetValue("provcap:status", out var statuses) || statuses.Count == 0)
        {
            return null;
        }

        return statuses.FirstOrDefault(s => s.Text != Incomplete)?.Text ?? Incomplete;
    }

    private static long? Number(string? text) => long.TryParse(text, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static void Describe(HashSet<(string, string, string)> descriptions, string kind, ProvElement element)
    {
        if (element.Get("provcap:description") is { } description && element.Get("prov:label") is { } name)
        {
            descriptions.Add((kind, name, description));
        }
    }

    private long Table(StoreTable table, Action<TableWriter> write)
    {
        using var writer = engine.Writer(scope, table);
        write(writer);
        writer.Finish();
        return writer.Rows;
    }
}
