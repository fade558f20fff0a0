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
    /// the statement that makes it, in the order made. None by default: PostgreSQL gained nothing from it (the
    /// benchmark night into an empty store 67.5 s before, 70.3 s with) and its readers would wait for the commit.
    /// </summary>
    public virtual IReadOnlyList<(string Name, string Definition)> DeferredIndexes(DbConnection connection, DbTransaction transaction, long incomingBytes) => [];

    /// <summary>A writer of rows into one table within the ingest's transaction, the engine's fastest way.</summary>
    public abstract TableWriter Writer(IngestScope scope, StoreTable table);
}
