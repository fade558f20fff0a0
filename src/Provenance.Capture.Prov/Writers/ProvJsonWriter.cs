using System.Text;
using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Prov.Writers;

/// <summary>
/// Writes W3C PROV-JSON (the Member Submission's format): prefix block, one section per element and
/// relation kind, typed literals as <c>{"$": "11", "type": "xsd:int"}</c>. Activity ends go in
/// <c>prov:endTime</c> (the schema spells the root key <c>wasEndedby</c> and forbids unknown keys).
/// Output is stable: elements sorted by id, relation ids numbered per section in order.
/// </summary>
public static class ProvJsonWriter
{
    /// <summary>Writes a document to a file.</summary>
    /// <param name="graph">The document.</param>
    /// <param name="path">The file (its folder is created).</param>
    /// <param name="indented">Indent for reading; false writes a smaller file faster (large documents).</param>
    public static void Write(IProvGraph graph, string path, bool indented = true) => WriteCounted(graph, path, indented);

    /// <summary>Writes a document to a file.</summary>
    /// <returns>How many elements and relations were written.</returns>
    internal static ProvCounts WriteCounted(IProvGraph graph, string path, bool indented)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1);
        return WriteCounted(graph, stream, indented);
    }

    /// <summary>Writes a document as UTF-8 JSON.</summary>
    /// <param name="graph">The document.</param>
    /// <param name="stream">Where to write.</param>
    /// <param name="indented">Indent for reading; false writes a smaller file faster (large documents).</param>
    public static void Write(IProvGraph graph, Stream stream, bool indented = true) => WriteCounted(graph, stream, indented);

    /// <summary>Writes a document as UTF-8 JSON (formatting on this thread, the stream written on another).</summary>
    /// <returns>How many elements and relations were written.</returns>
    internal static ProvCounts WriteCounted(IProvGraph graph, Stream stream, bool indented)
    {
        using var pump = new StreamPump(stream);
        var json = new JsonText(indented, pump.Take);
        json.StartObject();
        json.StartObject("prefix"u8);
        foreach (var (name, uri) in graph.Prefixes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.Name(name);
            json.StringValue(uri);
        }

        json.EndObject();
        var counts = graph is IJsonSections own
            ? PartWriter.Write(own.JsonParts(), json, sink => JsonText.InsideRoot(indented, sink), text => text.Flush(), pump)
            : WriteSections(graph, json);
        json.EndObject();
        json.Flush();
        pump.Finish();
        return counts;
    }

    private static ProvCounts WriteSections(IProvGraph graph, JsonText json)
    {
        var entities = WriteElements(json, "entity"u8, graph.Elements(ProvElementKind.Entity));
        var activities = WriteElements(json, "activity"u8, graph.Elements(ProvElementKind.Activity));
        var agents = WriteElements(json, "agent"u8, graph.Elements(ProvElementKind.Agent));
        var relations = 0;
        foreach (var names in RelationNames.All)
        {
            json.StartLater(names.Section);
            var number = 0;
            foreach (var relation in graph.Relations(names.Shape.Kind))
            {
                json.Name(names.BlankNode, ++number);
                json.StartObject();
                json.String(names.SubjectKey, relation.Subject);
                json.String(names.ObjectKey, relation.Object);
                if (relation.Role is not null)
                {
                    json.String("prov:role"u8, relation.Role);
                }

                if (relation.Time is { } time)
                {
                    json.Time("prov:time"u8, time);
                }

                json.EndObject();
                json.FlushIfFull();
            }

            json.EndLater();
            relations += number;
        }

        return new ProvCounts(entities, activities, agents, relations);
    }

    /// <summary>Writes a document to a string.</summary>
    /// <param name="graph">The document.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(IProvGraph graph)
    {
        using var stream = new MemoryStream();
        Write(graph, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A section of elements, if it has any.</summary>
    /// <returns>How many.</returns>
    internal static int WriteElements(JsonText json, ReadOnlySpan<byte> section, IEnumerable<ProvElement> elements)
    {
        json.StartLater(section);
        var count = 0;
        foreach (var element in elements)
        {
            WriteElement(json, element);
            count++;
            json.FlushIfFull();
        }

        json.EndLater();
        return count;
    }

    /// <summary>An element as a property of its section: times, then attributes (one value, or an array of several).</summary>
    internal static void WriteElement(JsonText json, ProvElement element)
    {
        json.StartObject(element.Id);
        if (element.StartTime is { } start)
        {
            json.Time("prov:startTime"u8, start);
        }

        if (element.EndTime is { } end)
        {
            json.Time("prov:endTime"u8, end);
        }

        foreach (var (name, values) in element.Attributes)
        {
            WriteAttribute(json, name, null, values, WriteLiteral);
        }

        json.EndObject();
    }

    /// <summary>An attribute as PROV-JSON gives it: its one value, or an array of its values.</summary>
    /// <param name="json">Where.</param>
    /// <param name="name">The attribute's name.</param>
    /// <param name="plainName">Its UTF-8 bytes when nothing in them needs escaping, or null.</param>
    /// <param name="values">Its values.</param>
    /// <param name="writeValue">Writes one value.</param>
    internal static void WriteAttribute<T>(JsonText json, string name, byte[]? plainName, IReadOnlyList<T> values, Action<JsonText, T> writeValue)
    {
        if (values.Count == 1)
        {
            if (plainName is not null)
            {
                json.Name(plainName);
            }
            else
            {
                json.Name(name);
            }

            writeValue(json, values[0]);
            return;
        }

        json.StartArray(name);
        foreach (var value in values)
        {
            writeValue(json, value);
        }

        json.EndArray();
    }

    /// <summary>A property whose value is a literal.</summary>
    internal static void WriteLiteral(JsonText json, ReadOnlySpan<byte> name, ProvLiteral literal)
    {
        json.Name(name);
        WriteLiteral(json, literal);
    }

    /// <summary>A literal value: a plain string, or <c>{"$": text, "type": type}</c>.</summary>
    internal static void WriteLiteral(JsonText json, ProvLiteral literal)
    {
        if (literal.Type is null)
        {
            json.StringValue(literal.Text);
            return;
        }

        json.StartObject();
        json.String("$"u8, literal.Text);
        json.String("type"u8, literal.Type);
        json.EndObject();
    }
}
