using System.Globalization;
using System.Text;
using System.Text.Json;
using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Store;

/// <summary>
/// An element's PROV attributes as the store keeps them: <c>{"name": [["text", "type" or null], ...]}</c>, without
/// those a column of the row holds alone (<see cref="StoreColumn.Attribute"/>): a file's label, type, location, hash
/// and size are in its columns once, not again in its JSON (which was two fifths of a store's bytes). Reading puts
/// them back. Rows stored before kept every attribute in their JSON: reading them adds nothing.
/// </summary>
internal static class AttributesJson
{
    /// <summary>The attributes of <paramref name="element"/> that the columns of <paramref name="table"/> do not hold, as JSON.</summary>
    public static string Write(ProvElement element, StoreTable table)
    {
        if (element.Attributes.All(a => HeldByColumn(table, a.Key, a.Value)))
        {
            // Most files of a night: every attribute in a column.
            return "{}";
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, values) in element.Attributes)
            {
                if (HeldByColumn(table, name, values))
                {
                    continue;
                }

                json.WriteStartArray(name);
                foreach (var value in values)
                {
                    json.WriteStartArray();
                    json.WriteStringValue(value.Text);
                    if (value.Type is null)
                    {
                        json.WriteNullValue();
                    }
                    else
                    {
                        json.WriteStringValue(value.Type);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Adds the attributes of a row's JSON to <paramref name="element"/>.</summary>
    public static void Read(string json, ProvElement element)
    {
        using var document = JsonDocument.Parse(json);
        foreach (var attribute in document.RootElement.EnumerateObject())
        {
            foreach (var value in attribute.Value.EnumerateArray())
            {
                element.Add(attribute.Name, new ProvLiteral(value[0].GetString()!, value[1].ValueKind == JsonValueKind.Null ? null : value[1].GetString()));
            }
        }
    }

    // Whether the column of this attribute keeps its values alone: one value of the column's type, which
    // reads back from the column as the same literal.
    private static bool HeldByColumn(StoreTable table, string name, IReadOnlyList<ProvLiteral> values)
    {
        if (values.Count != 1 || table.HeldColumn(name) is not { } column || values[0].Type != column.LiteralType)
        {
            return false;
        }

        return column.Type != StoreColumnType.Number
            || (long.TryParse(values[0].Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                && number.ToString(CultureInfo.InvariantCulture) == values[0].Text);
    }
}
