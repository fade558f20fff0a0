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

        return Json(json =>
        {
            foreach (var (name, values) in element.Attributes)
            {
                if (!HeldByColumn(table, name, values))
                {
                    WriteAttribute(json, name, values);
                }
            }
        });
    }

    /// <summary>The given attributes as JSON, in their order (those a column holds alone left out before), the values of a name named again in a row added to its list.</summary>
    public static string Write(IReadOnlyList<(string Name, ProvLiteral Value)> attributes)
    {
        if (attributes.Count == 0)
        {
            return "{}";
        }

        return Json(json =>
        {
            for (var i = 0; i < attributes.Count;)
            {
                var name = attributes[i].Name;
                var end = i + 1;
                while (end < attributes.Count && attributes[end].Name == name)
                {
                    end++;
                }

                WriteAttribute(json, name, [.. attributes.Skip(i).Take(end - i).Select(a => a.Value)]);
                i = end;
            }
        });
    }

    /// <summary>Whether the column of this attribute keeps its value alone: one value of the column's type, which reads back from the column as the same literal.</summary>
    public static bool HeldByColumn(StoreColumn column, ProvLiteral value)
        => value.Type == column.LiteralType
            && (column.Type != StoreColumnType.Number
                || (long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                    && number.ToString(CultureInfo.InvariantCulture) == value.Text));

    private static string Json(Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            members(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteAttribute(Utf8JsonWriter json, string name, IReadOnlyList<ProvLiteral> values)
    {
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

    // Whether the column of this attribute keeps its values alone: one value that it holds alone.
    private static bool HeldByColumn(StoreTable table, string name, IReadOnlyList<ProvLiteral> values)
        => values.Count == 1 && table.HeldColumn(name) is { } column && HeldByColumn(column, values[0]);
}
