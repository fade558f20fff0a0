using System.Text;
using System.Text.Json;
using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Store;

/// <summary>An element's PROV attributes as the store keeps them: <c>{"name": [["text", "type" or null], ...]}</c>.</summary>
internal static class AttributesJson
{
    public static string Write(ProvElement element)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, values) in element.Attributes)
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

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

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
}
