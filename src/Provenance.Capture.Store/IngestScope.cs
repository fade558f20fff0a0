using System.Data.Common;
using System.Runtime.InteropServices;

namespace Provenance.Capture.Store;

/// <summary>One ingest's write: its connection and transaction, the document it records, and the nodes it has keyed so far.</summary>
/// <param name="Connection">The store's connection.</param>
/// <param name="Transaction">The ingest's transaction.</param>
/// <param name="Document">The id of the document row of what is ingested.</param>
internal sealed record IngestScope(DbConnection Connection, DbTransaction Transaction, long Document)
{
    // By each node's number in the ingest (numbered in the order first named, see RowPipe).
    private readonly List<long> _nodeKeys = [];
    private readonly List<bool> _named = [];

    /// <summary>
    /// The integer key of the node of that number, 0 until it is keyed: SQLite finds or adds nodes one by one, each
    /// asked once per ingest; PostgreSQL keeps the keys of the nodes a table added, for the tables after it.
    /// </summary>
    public ref long NodeKey(int number) => ref CollectionsMarshal.AsSpan(Holding(_nodeKeys, number))[number];

    /// <summary>
    /// Whether every node this ingest has named so far was new to the store (for an engine that adds a table's new
    /// nodes at once and says how many it added): then no stored row can have the key of one of its rows.
    /// </summary>
    public bool AllNodesNew { get; set; } = true;

    /// <summary>Whether this is the first time a table of this ingest names the node of that number, for an engine that adds a table's new nodes at once (PostgreSQL).</summary>
    public bool FirstNamed(int number)
    {
        ref var named = ref CollectionsMarshal.AsSpan(Holding(_named, number))[number];
        var first = !named;
        named = true;
        return first;
    }

    // The list, grown (with default values) to hold that index.
    private static List<T> Holding<T>(List<T> list, int index)
    {
        if (list.Count <= index)
        {
            CollectionsMarshal.SetCount(list, index + 1);
        }

        return list;
    }
}
