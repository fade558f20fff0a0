using System.Text;
using System.Text.Json;
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
    public static void Write(IProvGraph graph, string path, bool indented = true)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        Write(graph, stream, indented);
    }

    /// <summary>Writes a document as UTF-8 JSON.</summary>
    /// <param name="graph">The document.</param>
    /// <param name="stream">Where to write.</param>
    /// <param name="indented">Indent for reading; false writes a smaller file faster (large documents).</param>
    public static void Write(IProvGraph graph, Stream stream, bool indented = true)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented });
        json.WriteStartObject();
        json.WriteStartObject("prefix");
        foreach (var (name, uri) in graph.Prefixes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WriteString(name, uri);
        }

        json.WriteEndObject();
        WriteElements(json, "entity", graph.Elements(ProvElementKind.Entity));
        WriteElements(json, "activity", graph.Elements(ProvElementKind.Activity));
        WriteElements(json, "agent", graph.Elements(ProvElementKind.Agent));
        foreach (var shape in ProvRelationShape.All)
        {
            using var relations = graph.Relations(shape.Kind).GetEnumerator();
            if (!relations.MoveNext())
            {
                continue;
            }

            json.WriteStartObject(shape.Name);
            var prefix = BlankNodePrefix(shape.Name);
            var number = 0;
            do
            {
                var relation = relations.Current;
                json.WriteStartObject(prefix + ++number);
                json.WriteString(shape.SubjectKey, relation.Subject);
                json.WriteString(shape.ObjectKey, relation.Object);
                if (relation.Role is not null)
                {
                    json.WriteString("prov:role", relation.Role);
                }

                if (relation.Time is { } time)
                {
                    json.WriteString("prov:time", ProvTime.Format(time));
                }

                json.WriteEndObject();
                FlushSometimes(json);
            }
            while (relations.MoveNext());

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    // Utf8JsonWriter keeps everything until flushed: hand large documents to the stream as they grow.
    private static void FlushSometimes(Utf8JsonWriter json)
    {
        if (json.BytesPending > 1 << 16)
        {
            json.Flush();
        }
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

    // Relation ids are blank nodes named after the relation's initials: _:wgb1, _:u1, _:aobo1.
    private static string BlankNodePrefix(string name)
        => "_:" + string.Concat(name.Where((c, i) => i == 0 || char.IsUpper(c)).Select(char.ToLowerInvariant));

    private static void WriteElements(Utf8JsonWriter json, string section, IEnumerable<ProvElement> elements)
    {
        using var items = elements.GetEnumerator();
        if (!items.MoveNext())
        {
            return;
        }

        json.WriteStartObject(section);
        do
        {
            var element = items.Current;
            json.WriteStartObject(element.Id);
            if (element.StartTime is { } start)
            {
                json.WriteString("prov:startTime", ProvTime.Format(start));
            }

            if (element.EndTime is { } end)
            {
                json.WriteString("prov:endTime", ProvTime.Format(end));
            }

            foreach (var (name, values) in element.Attributes)
            {
                json.WritePropertyName(name);
                if (values.Count == 1)
                {
                    WriteLiteral(json, values[0]);
                    continue;
                }

                json.WriteStartArray();
                foreach (var value in values)
                {
                    WriteLiteral(json, value);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            FlushSometimes(json);
        }
        while (items.MoveNext());

        json.WriteEndObject();
    }

    private static void WriteLiteral(Utf8JsonWriter json, ProvLiteral literal)
    {
        if (literal.Type is null)
        {
            json.WriteStringValue(literal.Text);
            return;
        }

        json.WriteStartObject();
        json.WriteString("$", literal.Text);
        json.WriteString("type", literal.Type);
        json.WriteEndObject();
    }
}
