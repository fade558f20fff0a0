namespace Provenance.Capture.Store;

/// <summary>What a column that ingest writes holds.</summary>
internal enum StoreColumnType
{
    /// <summary>Text.</summary>
    Text,

    /// <summary>A 64-bit integer.</summary>
    Number,

    /// <summary>A node's integer key, given as the node's id (<c>ent:…</c>): the writer finds or adds the node.</summary>
    Node,
}

/// <summary>One column that ingest writes: its name and what it holds.</summary>
/// <param name="Name">The column's name.</param>
/// <param name="Type">What it holds.</param>
internal readonly record struct StoreColumn(string Name, StoreColumnType Type);
