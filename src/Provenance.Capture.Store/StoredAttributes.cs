using System.Data.Common;
using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Store;

/// <summary>
/// An element's PROV attributes as a row keeps them: its attributes JSON, and the texts of the row's held columns
/// (<see cref="StoreTable.Held"/>), which keep some attributes alone (<see cref="AttributesJson"/>).
/// </summary>
/// <param name="Json">The row's attributes column.</param>
/// <param name="Held">The held columns' values as texts, in order (null: none stored).</param>
internal sealed record StoredAttributes(string Json, IReadOnlyList<string?> Held)
{
    /// <summary>The attributes of the reader's current row: the JSON in column <paramref name="json"/>, the held columns from <paramref name="held"/> on; null when the JSON was not read.</summary>
    public static StoredAttributes? Of(DbDataReader reader, int json, StoreTable table, int held)
    {
        if (reader.IsDBNull(json))
        {
            return null;
        }

        var values = new string?[table.Held.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.IsDBNull(held + i) ? null : reader.GetString(held + i);
        }

        return new StoredAttributes(reader.GetString(json), values);
    }

    /// <summary>Adds every attribute to <paramref name="element"/>: the JSON's, then those the held columns keep alone.</summary>
    /// <param name="element">Where to.</param>
    /// <param name="table">The row's table.</param>
    public void AddTo(ProvElement element, StoreTable table)
    {
        AttributesJson.Read(Json, element);
        for (var i = 0; i < Held.Count; i++)
        {
            var column = table.Held[i];
            if (Held[i] is { } text && !element.Attributes.ContainsKey(column.Attribute!))
            {
                element.Add(column.Attribute!, new ProvLiteral(text, column.LiteralType));
            }
        }
    }
}
