using System.Runtime.InteropServices;
using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Merge;

namespace Provenance.Capture.Store;

/// <summary>
/// Writes one PROV graph into the store's tables inside the caller's transaction, table after table
/// (an engine streams one table at a time), each row an upsert as <see cref="StoreTables"/> says. The rows
/// are made on a second thread (<see cref="RowPipe"/>): enumerating the graph and making each element's
/// attributes into JSON overlaps the database's work on the calling thread, which alone uses the connection.
/// </summary>
internal sealed class GraphWriter(StoreEngine engine, IngestScope scope)
{
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

    /// <summary>Makes the rows of <paramref name="graph"/> and drops them (the row maker alone, for the benchmarks).</summary>
    /// <returns>How many rows were made.</returns>
    internal static int MakeRowsAlone(IProvGraph graph)
    {
        using var pipe = new RowPipe();
        var rows = 0;
        var drain = Task.Run(() => pipe.Drain((_, batch) => rows += batch.Ends.Count));
        MakeRows(graph, pipe);
        pipe.Complete();
        drain.GetAwaiter().GetResult();
        return rows;
    }

    /// <summary>Makes the rows of every table, in the order they are written.</summary>
    internal static void MakeRows(IProvGraph graph, RowPipe rows)
    {
        var descriptions = new HashSet<(string Kind, string Name, string Description)>();
        var sessions = SessionsOf(graph);
        // A merged graph's entities, activities, relations and sessions are made from its symbols and calls, without an
        // element or relation object each (the row maker took about 40 % less CPU); any other graph's from its elements.
        var merged = graph as MergedGraph;
        rows.StartTable(StoreTables.Entities);
        if (merged is not null)
        {
            var entities = new EntityRows(rows, (name, description) => descriptions.Add(("entity", name, description)));
            merged.EntitiesTo(entities, element => EntityRow(rows, descriptions, element));
        }
        else
        {
            foreach (var element in graph.Elements(ProvElementKind.Entity))
            {
                EntityRow(rows, descriptions, element);
            }
        }

        rows.StartTable(StoreTables.Activities);
        if (merged is not null)
        {
            var activities = new ActivityRows(rows, sessions, (name, description) => descriptions.Add(("activity", name, description)));
            merged.ActivitiesTo(activities.Add);
        }
        else
        {
            foreach (var element in graph.Elements(ProvElementKind.Activity))
            {
                rows.Node(element.Id).Text(element.Get("prov:label")).Text(StoreTime.Format(element.StartTime)).Text(StoreTime.Format(element.EndTime))
                    .Text(StatusOf(element)).Number(Number(element.Get("provcap:run"))).Number(Number(element.Get("provcap:subrun")))
                    .Text(element.Get("provcap:observation_date")).Node(sessions.GetValueOrDefault(element.Id)).Text(AttributesJson.Write(element, StoreTables.Activities)).EndRow();
                Describe(descriptions, "activity", element);
            }
        }

        rows.StartTable(StoreTables.Agents);
        foreach (var element in graph.Elements(ProvElementKind.Agent))
        {
            rows.Node(element.Id).Text(element.Get("prov:label")).Text(element.Get("prov:type")).Text(AttributesJson.Write(element, StoreTables.Agents)).EndRow();
            Describe(descriptions, "agent", element);
        }

        rows.StartTable(StoreTables.Relations);
        if (merged is not null)
        {
            merged.RelationsTo(new RelationRows(merged, rows));
        }
        else
        {
            RelationRowsOf(graph, rows);
        }

        rows.StartTable(StoreTables.Descriptions);
        foreach (var (kind, name, description) in descriptions)
        {
            rows.Text(kind).Text(name).Text(description).EndRow();
        }
    }

    // The relations' rows of any graph, from its relation objects.
    private static void RelationRowsOf(IProvGraph graph, RowPipe rows)
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
    }

    // An entity's row from its element.
    private static void EntityRow(RowPipe rows, HashSet<(string, string, string)> descriptions, ProvElement element)
    {
        rows.Node(element.Id).Text(element.Get("prov:label")).Text(element.Get("prov:type")).Text(element.Get("prov:location"))
            .Text(element.Get("provcap:hash")).Text(element.Get("provcap:hash_type")).Number(Number(element.Get("provcap:size")))
            .Text(element.Get("provcap:contentType")).Text(AttributesJson.Write(element, StoreTables.Entities)).EndRow();
        Describe(descriptions, "entity", element);
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
        if (graph is MergedGraph merged)
        {
            merged.RelationsTo(new SessionSink(merged, sessions), ProvRelationKind.WasAssociatedWith);
            return sessions;
        }

        foreach (var relation in graph.Relations(ProvRelationKind.WasAssociatedWith))
        {
            if (relation.Object.StartsWith(SessionAgent, StringComparison.Ordinal))
            {
                sessions.TryAdd(relation.Subject, relation.Object);
            }
        }

        return sessions;
    }

    // The sessions of a merged graph's activities from the symbols of its associations: each agent's id made once.
    private sealed class SessionSink(MergedGraph graph, Dictionary<string, string> sessions) : IRelationSink
    {
        private readonly Dictionary<(byte[] Head, int Local), string> _agents = [];

        public void Add(ProvRelationShape shape, byte[] subjectHead, int subject, byte[] objectHead, int @object, int role, DateTimeOffset? time)
        {
            ref var agent = ref CollectionsMarshal.GetValueRefOrAddDefault(_agents, (objectHead, @object), out var known);
            if (!known)
            {
                agent = graph.QualifiedId(objectHead, @object);
            }

            if (agent!.StartsWith(SessionAgent, StringComparison.Ordinal))
            {
                sessions.TryAdd(graph.QualifiedId(subjectHead, subject), agent);
            }
        }
    }

    // One status per call: the end's, or "incomplete" when the call never ended.
    private static string? StatusOf(ProvElement activity)
        => activity.Attributes.TryGetValue("provcap:status", out var statuses) ? RowValues.StatusOf(statuses.Select(s => s.Text)) : null;

    private static long? Number(string? text) => RowValues.Number(text);

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
