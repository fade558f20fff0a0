using System.Reflection;
using System.Text.Json;
using NJsonSchema;
using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Readers;

namespace Provenance.Capture.Prov.Validation;

/// <summary>One problem found in a PROV-JSON document.</summary>
/// <param name="Rule">Which check: <c>schema</c>, <c>prefix</c>, <c>dangling</c>, <c>time</c>.</param>
/// <param name="Path">Where in the document (JSON path or element id).</param>
/// <param name="Message">What is wrong.</param>
public sealed record ValidationProblem(string Rule, string Path, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Rule}: {Path}: {Message}";
}

/// <summary>
/// Checks PROV-JSON against the W3C PROV-JSON JSON schema (draft-04, shipped inside this library) and
/// against the PROV rules the product relies on: every prefix used is declared, no relation points
/// to an undeclared element, and no activity ends before it starts.
/// </summary>
public static class ProvValidator
{
    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema);

    /// <summary>Validates a file.</summary>
    /// <param name="path">The PROV-JSON file.</param>
    /// <returns>Every problem; empty when valid.</returns>
    public static IReadOnlyList<ValidationProblem> ValidateFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            return [new ValidationProblem("file", path, e.Message)];
        }

        return Validate(text);
    }

    /// <summary>Validates PROV-JSON text.</summary>
    /// <param name="json">The document text.</param>
    /// <returns>Every problem; empty when valid.</returns>
    public static IReadOnlyList<ValidationProblem> Validate(string json)
    {
        var problems = new List<ValidationProblem>();
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return [new ValidationProblem("json", $"line {(e.LineNumber ?? 0) + 1}", e.Message)];
        }

        foreach (var error in Schema.Value.Validate(json))
        {
            AddSchemaProblems(error, problems);
        }

        using (parsed)
        {
            if (parsed.RootElement.ValueKind == JsonValueKind.Object)
            {
                CheckRules(ProvJsonReader.Read(parsed.RootElement), problems);
            }
        }

        return problems;
    }

    // "anyOf" failures hide the real cause in child errors: report the innermost ones with their paths.
    private static void AddSchemaProblems(NJsonSchema.Validation.ValidationError error, List<ValidationProblem> problems)
    {
        problems.Add(new ValidationProblem("schema", error.Path ?? "#", $"{error.Kind} ({error.Property})"));
        if (error is NJsonSchema.Validation.ChildSchemaValidationError child)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var inner in child.Errors.Values.SelectMany(e => e))
            {
                if (seen.Add($"{inner.Path}|{inner.Kind}"))
                {
                    AddSchemaProblems(inner, problems);
                }
            }
        }
    }

    private static void CheckRules(ProvDocument document, List<ValidationProblem> problems)
    {
        void CheckName(string name, string where)
        {
            var colon = name.IndexOf(':');
            if (colon <= 0 || name.StartsWith("_:", StringComparison.Ordinal))
            {
                return;
            }

            var prefix = name[..colon];
            if (!document.Prefixes.ContainsKey(prefix) && prefix is not ("prov" or "xsd"))
            {
                problems.Add(new ValidationProblem("prefix", where, $"prefix '{prefix}' of '{name}' is not declared"));
            }
        }

        foreach (var kind in new[] { ProvElementKind.Entity, ProvElementKind.Activity, ProvElementKind.Agent })
        {
            foreach (var element in document.ElementsOf(kind).Values)
            {
                CheckName(element.Id, element.Id);
                foreach (var (name, values) in element.Attributes)
                {
                    CheckName(name, element.Id);
                    foreach (var value in values)
                    {
                        if (value.Type is not null)
                        {
                            CheckName(value.Type, element.Id);
                        }

                        if (value.Type == "xsd:QName")
                        {
                            CheckName(value.Text, element.Id);
                        }
                    }
                }

                if (element.StartTime is { } start && element.EndTime is { } end && end < start)
                {
                    problems.Add(new ValidationProblem("time", element.Id, $"ends ({end:O}) before it starts ({start:O})"));
                }
            }
        }

        foreach (var relation in document.Relations)
        {
            var shape = ProvRelationShape.Of(relation.Kind);
            var (subjectKind, objectKind, name) = (shape.SubjectKind, shape.ObjectKind, shape.Name);
            if (!document.ElementsOf(subjectKind).ContainsKey(relation.Subject))
            {
                problems.Add(new ValidationProblem("dangling", name, $"'{relation.Subject}' is not a declared {subjectKind.ToString().ToLowerInvariant()}"));
            }

            if (!document.ElementsOf(objectKind).ContainsKey(relation.Object))
            {
                problems.Add(new ValidationProblem("dangling", name, $"'{relation.Object}' is not a declared {objectKind.ToString().ToLowerInvariant()}"));
            }
        }
    }

    private static JsonSchema LoadSchema()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("prov-json.schema.json")
            ?? throw new InvalidOperationException("the PROV-JSON schema resource is missing from the assembly");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromJsonAsync(reader.ReadToEnd()).GetAwaiter().GetResult();
    }
}
