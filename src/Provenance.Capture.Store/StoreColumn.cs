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
/// <param name="Attribute">
/// The PROV attribute whose value the column holds, if any. An element's attribute of one value of
/// <paramref name="LiteralType"/> (a number: one that reads back as the same text) is kept by the column
/// alone, not again in the row's attributes JSON (<see cref="AttributesJson"/>).
/// </param>
/// <param name="LiteralType">The value's literal type when the column alone keeps it (null: a plain string).</param>
internal readonly record struct StoreColumn(string Name, StoreColumnType Type, string? Attribute = null, string? LiteralType = null);
