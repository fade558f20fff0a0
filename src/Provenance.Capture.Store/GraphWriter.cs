using System.Data;
using System.Data.Common;
using System.Globalization;
using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Store;

/// <summary>
/// Writes one PROV graph into the store's tables inside the caller's transaction, with one prepared
/// statement per table. Writing is an upsert: an element already stored (the same file used by many
/// jobs, an activity whose end came in a later ingest of a growing log) keeps what it had and gains
/// what the new graph adds; a relation already stored is not stored twice.
/// </summary>
internal sealed class GraphWriter : IDisposable
{
    private const string Incomplete = "incomplete";

    private readonly DbCommand _activity;
    private readonly DbCommand _entity;
    private readonly DbCommand _agent;
    private readonly DbCommand _relation;
    private readonly DbCommand _session;
    private readonly DbCommand _description;

    public GraphWriter(DbConnection connection, DbTransaction transaction, long document)
    {
        _activity = Prepare(connection, transaction, document, """
            INSERT INTO activities (id, name, start_time, end_time, status, run, subrun, observation_date, attributes, document)
            VALUES (@id, @name, @start, @end, @status, @run, @subrun, @date, @attributes, @document)
            ON CONFLICT (id) DO UPDATE SET
                name = COALESCE(excluded.name, activities.name),
                start_time = COALESCE(excluded.start_time, activities.start_time),
                end_time = COALESCE(excluded.end_time, activities.end_time),
                run = COALESCE(excluded.run, activities.run),
                subrun = COALESCE(excluded.subrun, activities.subrun),
                observation_date = COALESCE(excluded.observation_date, activities.observation_date),
                attributes = CASE WHEN excluded.status = 'incomplete' AND activities.status <> 'incomplete' THEN activities.attributes ELSE excluded.attributes END,
                status = CASE WHEN excluded.status IS NULL OR (excluded.status = 'incomplete' AND activities.status IS NOT NULL) THEN activities.status ELSE excluded.status END
            """, Text("@id"), Text("@name"), Text("@start"), Text("@end"), Text("@status"), Long("@run"), Long("@subrun"), Text("@date"), Text("@attributes"));
        _entity = Prepare(connection, transaction, document, """
            INSERT INTO entities (id, name, type, location, hash, hash_type, size, content_type, attributes, document)
            VALUES (@id, @name, @type, @location, @hash, @hash_type, @size, @content_type, @attributes, @document)
            ON CONFLICT (id) DO UPDATE SET
                name = COALESCE(excluded.name, entities.name),
                type = COALESCE(excluded.type, entities.type),
                location = COALESCE(excluded.location, entities.location),
                hash = COALESCE(excluded.hash, entities.hash),
                hash_type = COALESCE(excluded.hash_type, entities.hash_type),
                size = COALESCE(excluded.size, entities.size),
                content_type = COALESCE(excluded.content_type, entities.content_type),
                attributes = CASE WHEN length(excluded.attributes) >= length(entities.attributes) THEN excluded.attributes ELSE entities.attributes END
            """, Text("@id"), Text("@name"), Text("@type"), Text("@location"), Text("@hash"), Text("@hash_type"), Long("@size"), Text("@content_type"), Text("@attributes"));
        _agent = Prepare(connection, transaction, document, """
            INSERT INTO agents (id, name, type, attributes, document) VALUES (@id, @name, @type, @attributes, @document)
            ON CONFLICT (id) DO UPDATE SET
                name = COALESCE(excluded.name, agents.name),
                type = COALESCE(excluded.type, agents.type),
                attributes = CASE WHEN length(excluded.attributes) >= length(agents.attributes) THEN excluded.attributes ELSE agents.attributes END
            """, Text("@id"), Text("@name"), Text("@type"), Text("@attributes"));
        _relation = Prepare(connection, transaction, document, """
            INSERT INTO relations (subject, kind, object, role, time, document) VALUES (@subject, @kind, @object, @role, @time, @document)
            ON CONFLICT DO NOTHING
            """, Text("@subject"), Text("@kind"), Text("@object"), Text("@role"), Text("@time"));
        _session = Prepare(connection, transaction, null, "UPDATE activities SET session = @session WHERE id = @id", Text("@session"), Text("@id"));
        _description = Prepare(connection, transaction, null, """
            INSERT INTO descriptions (kind, name, description) VALUES (@kind, @name, @description) ON CONFLICT DO NOTHING
            """, Text("@kind"), Text("@name"), Text("@description"));
    }

    /// <summary>How many elements and relations were written (stored before or not).</summary>
    public long Written { get; private set; }

    public void Write(IProvGraph graph)
    {
        foreach (var element in graph.Elements(ProvElementKind.Entity))
        {
            var size = element.Get("provcap:size");
            Run(_entity, element.Id, element.Get("prov:label"), element.Get("prov:type"), element.Get("prov:location"), element.Get("provcap:hash"),
                element.Get("provcap:hash_type"), size is not null && long.TryParse(size, CultureInfo.InvariantCulture, out var bytes) ? bytes : null,
                element.Get("provcap:contentType"), AttributesJson.Write(element));
            Describe("entity", element);
            Written++;
        }

        foreach (var element in graph.Elements(ProvElementKind.Activity))
        {
            Run(_activity, element.Id, element.Get("prov:label"), StoreTime.Format(element.StartTime), StoreTime.Format(element.EndTime), StatusOf(element),
                Number(element.Get("provcap:run")), Number(element.Get("provcap:subrun")), element.Get("provcap:observation_date"), AttributesJson.Write(element));
            Describe("activity", element);
            Written++;
        }

        foreach (var element in graph.Elements(ProvElementKind.Agent))
        {
            Run(_agent, element.Id, element.Get("prov:label"), element.Get("prov:type"), AttributesJson.Write(element));
            Describe("agent", element);
            Written++;
        }

        foreach (var shape in ProvRelationShape.All)
        {
            foreach (var relation in graph.Relations(shape.Kind))
            {
                Run(_relation, relation.Subject, shape.Name, relation.Object, relation.Role ?? string.Empty, StoreTime.Format(relation.Time));
                Written++;
                if (shape.Kind == ProvRelationKind.WasAssociatedWith && relation.Object.StartsWith("agent:session_", StringComparison.Ordinal))
                {
                    Run(_session, relation.Object, relation.Subject);
                }
            }
        }
    }

    public void Dispose()
    {
        foreach (var command in new[] { _activity, _entity, _agent, _relation, _session, _description })
        {
            command.Dispose();
        }
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

    private void Describe(string kind, ProvElement element)
    {
        if (element.Get("provcap:description") is { } description && element.Get("prov:label") is { } name)
        {
            _description.Parameters[0].Value = kind;
            _description.Parameters[1].Value = name;
            _description.Parameters[2].Value = description;
            _description.ExecuteNonQuery();
        }
    }

    private void Run(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    private static (string, DbType) Text(string name) => (name, DbType.String);

    private static (string, DbType) Long(string name) => (name, DbType.Int64);

    // Typed parameters: PostgreSQL prepares a statement only when it knows every parameter's type.
    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, long? document, string sql, params (string Name, DbType Type)[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, type) in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            command.Parameters.Add(parameter);
        }

        if (document is { } id)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@document";
            parameter.DbType = DbType.Int64;
            parameter.Value = id;
            command.Parameters.Add(parameter);
        }

        command.Prepare();
        return command;
    }
}
