using System.Data.Common;

namespace Provenance.Capture.Store;

/// <summary>One ingest's write: its connection and transaction, the document it records, and the nodes it has keyed so far.</summary>
/// <param name="Connection">The store's connection.</param>
/// <param name="Transaction">The ingest's transaction.</param>
/// <param name="Document">The id of the document row of what is ingested.</param>
internal sealed record IngestScope(DbConnection Connection, DbTransaction Transaction, long Document)
{
    /// <summary>
    /// The integer key of each node this ingest has named, by the node's number in the ingest (numbered in the order
    /// first named, see <see cref="RowPipe"/>), 0 for one not yet keyed: for an engine that finds or adds nodes one
    /// by one (SQLite), each asked once per ingest.
    /// </summary>
    public List<long> NodeKeys { get; } = [];

    /// <summary>Whether some table of this ingest has named the node of that number already, for an engine that adds a table's new nodes at once (PostgreSQL).</summary>
    public List<bool> Named { get; } = [];
}
