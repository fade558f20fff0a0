using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Prov.Readers;

/// <summary>
/// Reads ctapipe provenance files (<c>*.provenance.log</c>): each tool run appends a JSON array of its
/// activities (<c>activity_name</c>, <c>activity_uuid</c>, <c>start</c>/<c>stop</c> <c>time_utc</c>,
/// <c>status</c>, <c>exit_code</c>, <c>system</c>, <c>input</c>/<c>output</c> lists of <c>url</c>,
/// <c>role</c>, <c>reference_meta</c>), so one file holds several arrays back to back. Files are named by
/// their CTAO product id when their reference metadata has one (the join key across tools), else by the
/// MD5 of their path, as lstosa names them; an input whose metadata names the activity that made it is
/// linked to that activity.
/// </summary>
public static class CtapipeProvenanceReader
{
    /// <summary>Reads a file.</summary>
    /// <param name="path">The provenance file.</param>
    /// <returns>Its activities, files and relations as a PROV document.</returns>
    /// <exception cref="InvalidDataException">The file is not such JSON; the message gives the line.</exception>
    public static ProvDocument Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var document = new ProvDocument();
        var madeBy = new List<ProvRelation>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
                using var run = JsonDocument.ParseValue(ref reader);
                if (run.RootElement.ValueKind != JsonValueKind.Array)
                {
                    throw new InvalidDataException($"{path}: expected a JSON array of ctapipe activities, found {run.RootElement.ValueKind}");
                }

                foreach (var activity in run.RootElement.EnumerateArray())
                {
                    if (activity.ValueKind == JsonValueKind.Object)
                    {
                        AddActivity(document, activity, madeBy);
                    }
                }
            }
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{e.LineNumber + 1}: not a ctapipe provenance file: {e.Message}", e);
        }

        // What an input's metadata says made it, unless the file holds that run's own output list (with its role and time).
        var generated = document.RelationsOf(ProvRelationKind.WasGeneratedBy).Select(r => (r.Subject, r.Object)).ToHashSet();
        foreach (var relation in madeBy.Where(r => !generated.Contains((r.Subject, r.Object))))
        {
            document.Add(relation);
        }

        return document;
    }

    private static void AddActivity(ProvDocument document, JsonElement activity, List<ProvRelation> madeBy)
    {
        var uuid = Text(activity, "activity_uuid") ?? Guid.NewGuid().ToString();
        var id = "act:" + QualifiedNames.LocalPart(uuid);
        var element = document.Element(ProvElementKind.Activity, id);
        element.Set("prov:label", Literal(Text(activity, "activity_name")));
        element.Set("prov:type", ProvLiteral.QName("provcap:" + QualifiedNames.Sanitise(Text(activity, "activity_name") ?? "activity")));
        element.StartTime = Time(activity, "start");
        element.EndTime = Time(activity, "stop");
        element.Set("provcap:status", Literal(Text(activity, "status")));
        element.Set("provcap:activity_uuid", ProvLiteral.String(uuid));
        if (activity.TryGetProperty("exit_code", out var exit) && exit.ValueKind == JsonValueKind.Number)
        {
            element.Set("provcap:exit_code", new ProvLiteral(exit.GetRawText(), "xsd:int"));
        }

        if (activity.TryGetProperty("system", out var system) && system.ValueKind == JsonValueKind.Object)
        {
            element.Set("provcap:ctapipe_version", Literal(Text(system, "ctapipe_version")));
            element.Set("provcap:executable", Literal(Text(system, "executable")));
            if (system.TryGetProperty("arguments", out var arguments) && arguments.ValueKind == JsonValueKind.Array)
            {
                element.Set("provcap:command_line", ProvLiteral.String(string.Join(' ', arguments.EnumerateArray().Select(a => a.ToString()))));
            }
        }

        foreach (var (file, role, producer) in Files(activity, "input"))
        {
            AddFile(document, file);
            document.Add(new ProvRelation(ProvRelationKind.Used, id, file.Id) { Role = role });
            if (producer is not null && producer != uuid)
            {
                madeBy.Add(new ProvRelation(ProvRelationKind.WasGeneratedBy, file.Id, "act:" + QualifiedNames.LocalPart(producer)));
            }
        }

        foreach (var (file, role, _) in Files(activity, "output"))
        {
            AddFile(document, file);
            document.Add(new ProvRelation(ProvRelationKind.WasGeneratedBy, file.Id, id) { Role = role, Time = element.EndTime });
        }
    }

    private static void AddFile(ProvDocument document, ProvElement file)
    {
        var element = document.Element(ProvElementKind.Entity, file.Id);
        foreach (var (name, values) in file.Attributes)
        {
            element.Set(name, values[0]);
        }
    }

    // The files of an activity's input or output list, each with its role and the activity that made it (from its metadata).
    private static IEnumerable<(ProvElement File, string? Role, string? Producer)> Files(JsonElement activity, string list)
    {
        if (!activity.TryGetProperty(list, out var files) || files.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var file in files.EnumerateArray())
        {
            // Two tests, not one '||': Stryker's mutant of the '||' would leave url unassigned, and its safe mode
            // then drops every mutant of the method as a compile error.
            var url = file.ValueKind == JsonValueKind.Object ? Text(file, "url") : null;
            if (url is null)
            {
                continue;
            }

            var location = url.StartsWith("file://", StringComparison.Ordinal) ? url["file://".Length..] : url;
            var meta = file.TryGetProperty("reference_meta", out var reference) && reference.ValueKind == JsonValueKind.Object ? reference : default;
            var product = MetaValue(meta, "CTA PRODUCT ID", "product", "id");
            var id = "ent:" + (product is not null ? QualifiedNames.LocalPart(product) : Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(location))));
            var element = new ProvElement(ProvElementKind.Entity, id)
                .Set("prov:label", ProvLiteral.String(Path.GetFileName(location)))
                .Set("prov:type", ProvLiteral.QName("provcap:File"))
                .Set("prov:location", ProvLiteral.String(location))
                .Set("provcap:product_id", Literal(product))
                .Set("provcap:data_level", Literal(MetaValue(meta, "CTA PRODUCT DATA LEVELS", "product", "data_levels")));
            yield return (element, Text(file, "role"), MetaValue(meta, "CTA ACTIVITY ID", "activity", "id"));
        }
    }

    // A reference-metadata value, flat ("CTA PRODUCT ID") as older ctapipe writes it or nested (product.id).
    private static string? MetaValue(JsonElement meta, string flat, string section, string key)
    {
        if (meta.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (meta.TryGetProperty(flat, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
        {
            return value.ToString();
        }

        return meta.TryGetProperty(section, out var inner) && inner.ValueKind == JsonValueKind.Object && inner.TryGetProperty(key, out value)
            && value.ValueKind is JsonValueKind.String or JsonValueKind.Number ? value.ToString() : null;
    }

    private static DateTimeOffset? Time(JsonElement activity, string name)
        => activity.TryGetProperty(name, out var part) && part.ValueKind == JsonValueKind.Object && Text(part, "time_utc") is { } text
           && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;

    private static string? Text(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ProvLiteral? Literal(string? text) => text is null ? null : ProvLiteral.String(text);
}
