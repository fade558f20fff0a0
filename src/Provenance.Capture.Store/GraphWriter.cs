using System.Globalization;
using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Store;

/// <summary>
/// Writes one PROV graph into the store's tables inside the caller's transaction, table after table
/// (an engine streams one table at a time), each row an upsert as <see cref="StoreTables"/> says. The rows
/// are made on a second thread (<see cref="RowPipe"/>): enumerating the graph and making each element's
/// attributes into JSON overlaps the database's work on the calling thread, which alone uses the connection.
/// </summary>
internal sealed class GraphWriter(StoreEngine engine, IngestScope scope)
{
    private const string Incomplete = "incomplete";
    private const string SessionAgent = "agent:session_";

    /// <summary>Writes the graph.</summary>
    /// <returns>How many elements and relations were written (stored before or not).</returns>
    public long Write(IProvGraph graph)
    {
        using var pipe = new RowPipe();
        var maker = Task.Run(() =>
        {
            try
            {
                MakeRows(graph, pipe);
            }
            finally
            {
                pipe.Complete();
            }
        });
        long written = 0;
        TableWriter? writer = null;
        try
        {
            pipe.Drain((table, batch) =>
            {
                if (writer?.Table != table)
                {
                    written += Finish(writer);
                    writer = engine.Writer(scope, table);
                }

                batch.WriteTo(writer);
            });

            // A maker that failed completed the pipe early: its error, not a partial table, is what the caller sees.
            maker.GetAwaiter().GetResult();
            written += Finish(writer);
        }
        catch
        {
            pipe.Abandon();
            writer?.Dispose();
            WaitQuietly(maker);
            throw;
        }

        return written;
    }

    // The rows of every table, in the order they are written.
    private static void MakeRows(IProvGraph graph, RowPipe rows)
    {
        var descriptions = new HashSet<(string Kind, string Name, string Description)>();
        var sessions = SessionsOf(graph);
        rows.StartTable(StoreTables.Entities);
        foreach (var element in graph.Elements(ProvElementKind.Entity))
        {
            rows.Node(element.Id).Text(element.Get("prov:label")).Text(element.Get("prov:type")).Text(element.Get("prov:location"))
                .Text(element.Get("provcap:hash")).Text(element.Get("provcap:hash_type")).Number(Number(element.Get("provcap:size")))
                .Text(element.Get("provcap:contentType")).Text(AttributesJson.Write(element, StoreTables.Entities)).EndRow();
            Describe(descriptions, "entity", element);
        }

        rows.StartTable(StoreTables.Activities);
        foreach (var element in graph.Elements(ProvElementKind.Activity))
        {
            rows.Node(element.Id).Text(element.Get("prov:label")).Text(StoreTime.Format(element.StartTime)).Text(StoreTime.Format(element.EndTime))
                .Text(StatusOf(element)).Number(Number(element.Get("provcap:run"))).Number(Number(element.Get("provcap:subrun")))
                .Text(element.Get("provcap:observation_date")).Node(sessions.GetValueOrDefault(element.Id)).Text(AttributesJson.Write(element, StoreTables.Activities)).EndRow();
            Describe(descriptions, "activity", element);
        }

        rows.StartTable(StoreTables.Agents);
        foreach (var element in graph.Elements(ProvElementKind.Agent))
        {
            rows.Node(element.Id).Text(element.Get("prov:label")).Text(element.Get("prov:type")).Text(AttributesJson.Write(element, StoreTables.Agents)).EndRow();
            Describe(descriptions, "agent", element);
        }

        rows.StartTable(StoreTables.Relations);
        foreach (var shape in ProvRelationShape.All)
        {
            var kind = RelationKinds.Code(shape.Name);
            foreach (var relation in graph.Relations(shape.Kind))
            {
                rows.Node(relation.Subject).Number(kind).Node(relation.Object).Text(relation.Role ?? string.Empty)
                    .Text(StoreTime.Format(relation.Time)).EndRow();
            }
        }

        rows.StartTable(StoreTables.Descriptions);
        foreach (var (kind, name, description) in descriptions)
        {
            rows.Text(kind).Text(name).Text(description).EndRow();
        }
    }

    // Waits for the maker after the writing failed; its own error (the pipe abandoned) is not the one to report.
    private static void WaitQuietly(Task maker)
    {
        try
        {
            maker.Wait();
        }
        catch (AggregateException)
        {
        }
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

    // Makes a table's rows stored; the descriptions are not counted among the elements and relations.
    private static long Finish(TableWriter? writer)
    {
        if (writer is null)
        {
            return 0;
        }

        using (writer)
        {
            writer.Finish();
        }

        return writer.Table == StoreTables.Descriptions ? 0 : writer.Rows;
    }
}
