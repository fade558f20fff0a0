namespace Provenance.Capture.Store;

/// <summary>
/// The tables ingest writes and how an element already stored is merged with a new description of it:
/// it keeps what it had and gains what the new graph adds (the same file used by many jobs, an activity
/// whose end came in a later ingest of a growing log); a relation already stored is not stored twice.
/// </summary>
internal static class StoreTables
{
    /// <summary>The element and relation tables, as a SQL list of names: those whose secondary indexes a large ingest makes again.</summary>
    public const string Bulk = "'entities', 'activities', 'relations'";

    public static readonly StoreTable Entities = new(
        "entities",
        [
            Node("node"), Text("name", "prov:label"), Text("type", "prov:type", "xsd:QName"), Text("location", "prov:location"), Text("hash", "provcap:hash"),
            Text("hash_type", "provcap:hash_type"), Number("size", "provcap:size", "xsd:long"), Text("content_type", "provcap:contentType"), Text("attributes"),
        ],
        ["node"],
        $"""
        ON CONFLICT (node) DO UPDATE SET
            {Filled("entities", "name", "type", "location", "hash", "hash_type", "size", "content_type")},
            {Longer("entities")}
        """);

    // An activity's status is the end's when one was seen; "incomplete" (a start without an end) never
    // overwrites an end stored before, and the attributes of an ended call are kept over a started one's.
    public static readonly StoreTable Activities = new(
        "activities",
        [
            Node("node"), Text("name", "prov:label"), Text("start_time"), Text("end_time"), Text("status", "provcap:status"), Number("run", "provcap:run", "xsd:int"),
            Number("subrun", "provcap:subrun", "xsd:int"), Text("observation_date", "provcap:observation_date"), Node("session"), Text("attributes"),
        ],
        ["node"],
        $"""
        ON CONFLICT (node) DO UPDATE SET
            {Filled("activities", "name", "start_time", "end_time", "run", "subrun", "observation_date", "session")},
            attributes = CASE WHEN excluded.status = 'incomplete' AND activities.status <> 'incomplete' THEN activities.attributes ELSE excluded.attributes END,
            status = CASE WHEN excluded.status IS NULL OR (excluded.status = 'incomplete' AND activities.status IS NOT NULL) THEN activities.status ELSE excluded.status END
        """);

    public static readonly StoreTable Agents = new(
        "agents",
        [Node("node"), Text("name"), Text("type"), Text("attributes")],
        ["node"],
        $"""
        ON CONFLICT (node) DO UPDATE SET
            {Filled("agents", "name", "type")},
            {Longer("agents")}
        """);

    public static readonly StoreTable Relations = new(
        "relations",
        [Node("subject"), Number("kind"), Node("object"), Text("role"), Text("time")],
        ["subject", "kind", "object", "role"],
        "ON CONFLICT DO NOTHING");

    public static readonly StoreTable Descriptions = new(
        "descriptions",
        [Text("kind"), Text("name"), Text("description")],
        ["kind", "name"],
        "ON CONFLICT DO NOTHING",
        HasDocument: false);

    // Each column takes the new value when there is one, else keeps the stored one.
    private static string Filled(string table, params string[] columns) =>
        string.Join(", ", columns.Select(c => $"{c} = COALESCE(excluded.{c}, {table}.{c})"));

    // The attributes of the fuller description: the longer JSON (the attributes beyond the columns, which COALESCE each).
    private static string Longer(string table) =>
        $"attributes = CASE WHEN length(excluded.attributes) >= length({table}.attributes) THEN excluded.attributes ELSE {table}.attributes END";

    private static StoreColumn Text(string name, string? attribute = null, string? literalType = null) => new(name, StoreColumnType.Text, attribute, literalType);

    private static StoreColumn Number(string name, string? attribute = null, string? literalType = null) => new(name, StoreColumnType.Number, attribute, literalType);

    private static StoreColumn Node(string name) => new(name, StoreColumnType.Node);
}
