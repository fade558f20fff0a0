using System.Data.Common;

namespace Provenance.Capture.Store;

/// <summary>One ingest's write: its connection and transaction, the document it records, and the nodes it has keyed so far.</summary>
/// <param name="Connection">The store's connection.</param>
/// <param name="Transaction">The ingest's transaction.</param>
/// <param name="Document">The id of the document row of what is ingested.</param>
internal sealed record IngestScope(DbConnection Connection, DbTransaction Transaction, long Document)
{
    /// <summary>Node ids to their integer keys, for an engine that finds or adds nodes one by one (SQLite): each asked once per ingest.</summary>
    public Dictionary<string, long> Nodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Node ids some table of this ingest has named already, for an engine that adds a table's new nodes at once (PostgreSQL).</summary>
    public HashSet<string> Named { get; } = new(StringComparer.Ordinal);
}
