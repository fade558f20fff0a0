using System.Data.Common;

namespace Provenance.Capture.Store;

/// <summary>What differs between the database engines a store can live in; the SQL itself is shared.</summary>
internal abstract class StoreEngine
{
    /// <summary>The engine's name in messages and in the schema scripts' file names (<c>sqlite</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Where the store is, for messages: a file path, or a connection string with its password masked.</summary>
    public abstract string Describe();

    /// <summary>An open connection, set up for this store (busy handling, journal mode…).</summary>
    public abstract DbConnection Open();

    /// <summary>How many bytes the store takes.</summary>
    public abstract long SizeInBytes(DbConnection connection);

    /// <summary>Begins the one write transaction of an ingest (taking the write lock at once where the engine has one).</summary>
    public abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>Tidies up after an ingest was committed (SQLite gives back the space its log of the write took).</summary>
    public virtual void Settle(DbConnection connection)
    {
    }

    /// <summary>
    /// The secondary indexes of the element and relation tables (neither unique nor a key: no upsert needs
    /// them) that an ingest of <paramref name="incomingBytes"/> drops and makes again after its rows, each with
    /// the statement that makes it, in the order made. Only for a file larger than the whole store (its first
    /// nights): then one sorted pass per index after the rows makes fewer, fuller pages than entry by entry; into a
    /// larger store, rebuilding would cost more.
    /// </summary>
    public IReadOnlyList<(string Name, string Definition)> DeferredIndexes(DbConnection connection, DbTransaction transaction, long incomingBytes)
    {
        if (incomingBytes <= SizeInBytes(connection))
        {
            return [];
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SecondaryIndexesSql;
        using var reader = command.ExecuteReader();
        var indexes = new List<(string, string)>();
        while (reader.Read())
        {
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        }

        return indexes;
    }

    /// <summary>
    /// The query of the secondary indexes of the tables of <see cref="StoreTables.Bulk"/>: name and the statement that
    /// makes it, in the order made (and whatever the ingest's transaction needs set for making them).
    /// </summary>
    protected abstract string SecondaryIndexesSql { get; }

    /// <summary>A writer of rows into one table within the ingest's transaction, the engine's fastest way.</summary>
    public abstract TableWriter Writer(IngestScope scope, StoreTable table);
}
