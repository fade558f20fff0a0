using System.Globalization;
using System.Text.Json;
using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Prov.Readers;

/// <summary>Reads a PROV-JSON document back into a <see cref="ProvDocument"/> (for graphs and checks).</summary>
public static class ProvJsonReader
{
    /// <summary>Reads a PROV-JSON file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The document.</returns>
    /// <exception cref="InvalidDataException">The file is not PROV-JSON; the message names the file and position.</exception>
    public static ProvDocument Read(string path)
    {
        JsonDocument json;
        try
        {
            using var stream = File.OpenRead(path);
            json = JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{(e.LineNumber ?? 0) + 1}: not JSON: {e.Message}", e);
        }

        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{path}: a PROV-JSON document is a JSON object");
            }

            return Read(json.RootElement);
        }
    }

    /// <summary>Reads a parsed PROV-JSON document.</summary>
    /// <param name="root">The root object.</param>
    /// <returns>The document.</returns>
    public static ProvDocument Read(JsonElement root)
    {
        var document = new ProvDocument();
        document.ClearPrefixes();
        ReadInto(document, root);
        return document;
    }

    // The sections of a document, or of one of its bundles: a bundle's elements and relations join the
    // document's (graph draws every element of every bundle; validation checks them all).
    private static void ReadInto(ProvDocument document, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var section in root.EnumerateObject())
        {
            switch (section.Name)
            {
                case "prefix" when section.Value.ValueKind == JsonValueKind.Object:
                    foreach (var prefix in section.Value.EnumerateObject())
                    {
                        document.DeclarePrefix(prefix.Name, Text(prefix.Value) ?? string.Empty);
                    }

                    break;
                case "entity":
                    ReadElements(document, ProvElementKind.Entity, section.Value);
                    break;
                case "activity":
                    ReadElements(document, ProvElementKind.Activity, section.Value);
                    break;
                case "agent":
                    ReadElements(document, ProvElementKind.Agent, section.Value);
                    break;
                case "bundle" when section.Value.ValueKind == JsonValueKind.Object:
                    foreach (var bundle in section.Value.EnumerateObject())
                    {
                        ReadInto(document, bundle.Value);
                    }

                    break;
                default:
                    if (ProvRelationShape.Named(section.Name) is { } shape && section.Value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var relation in section.Value.EnumerateObject())
                        {
                            if (relation.Value.ValueKind != JsonValueKind.Object)
                            {
                                continue;
                            }

                            var subject = relation.Value.TryGetProperty(shape.SubjectKey, out var s) ? Text(s) : null;
                            var obj = relation.Value.TryGetProperty(shape.ObjectKey, out var o) ? Text(o) : null;
                            if (subject is null || obj is null)
                            {
                                continue;
                            }

                            document.Add(new ProvRelation(shape.Kind, subject, obj)
                            {
                                Role = relation.Value.TryGetProperty("prov:role", out var role) ? role.ToString() : null,
                                Time = relation.Value.TryGetProperty("prov:time", out var time) ? ParseTime(Text(time)) : null,
                            });
                        }
                    }

                    break;
            }
        }
    }

    private static void ReadElements(ProvDocument document, ProvElementKind kind, JsonElement section)
    {
        if (section.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var item in section.EnumerateObject())
        {
            var element = document.Element(kind, item.Name);
            if (item.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var attribute in item.Value.EnumerateObject())
            {
                if (attribute.Name == "prov:startTime")
                {
                    element.StartTime = ParseTime(Text(attribute.Value));
                }
                else if (attribute.Name == "prov:endTime")
                {
                    element.EndTime = ParseTime(Text(attribute.Value));
                }
                else if (attribute.Value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var value in attribute.Value.EnumerateArray())
                    {
                        element.Add(attribute.Name, Literal(value));
                    }
                }
                else
                {
                    element.Add(attribute.Name, Literal(attribute.Value));
                }
            }
        }
    }

    private static ProvLiteral Literal(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => new ProvLiteral(
            value.TryGetProperty("$", out var text) ? text.ToString() : string.Empty,
            value.TryGetProperty("type", out var type) ? Text(type) : null),
        JsonValueKind.String => ProvLiteral.String(value.GetString()!),
        JsonValueKind.Number => new ProvLiteral(value.GetRawText(), "xsd:double"),
        JsonValueKind.True => new ProvLiteral("true", "xsd:boolean"),
        JsonValueKind.False => new ProvLiteral("false", "xsd:boolean"),
        _ => ProvLiteral.String(value.GetRawText()),
    };

    // A string value, or null for any other kind (the schema check names those; reading must not fail on them).
    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A time as the reader takes it: any text <see cref="DateTimeOffset"/> parses (UTC when it names no offset), else null.</summary>
    internal static DateTimeOffset? ParseTime(string? text)
        => text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
