using System.Reflection;
using System.Text.Json;
using NJsonSchema;
using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Readers;

namespace Provenance.Capture.Prov.Validation;

/// <summary>
/// Checks PROV-JSON against the W3C PROV-JSON JSON schema (draft-04, shipped inside this library) and
/// against the PROV rules the product relies on: every prefix used is declared, no relation points
/// to an undeclared element, and no activity ends before it starts.
/// </summary>
public static class ProvValidator
{
    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema);

    /// <summary>Files larger than this are validated member by member rather than as one tree.</summary>
    internal const long WholeDocumentLimit = 4L << 20;

    /// <summary>
    /// Validates a file. A large file (a night at subrun granularity) is checked one element or
    /// relation at a time, in two passes, in memory that grows with the number of ids only.
    /// </summary>
    /// <param name="path">The PROV-JSON file.</param>
    /// <returns>Every problem; empty when valid.</returns>
    public static IReadOnlyList<ValidationProblem> ValidateFile(string path)
    {
        try
        {
            return new FileInfo(path).Length > WholeDocumentLimit ? ValidateInParts(path) : Validate(File.ReadAllText(path));
        }
        catch (IOException e)
        {
            return [new ValidationProblem("file", path, e.Message)];
        }
    }

    /// <summary>Validates a file one member of a section at a time (what <see cref="ValidateFile"/> does for large files).</summary>
    internal static IReadOnlyList<ValidationProblem> ValidateInParts(string path)
    {
        var problems = new List<ValidationProblem>();
        var generators = new Dictionary<string, string>(StringComparer.Ordinal);
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        var ids = new Dictionary<ProvElementKind, HashSet<string>>
        {
            [ProvElementKind.Entity] = new(StringComparer.Ordinal),
            [ProvElementKind.Activity] = new(StringComparer.Ordinal),
            [ProvElementKind.Agent] = new(StringComparer.Ordinal),
        };

        // First pass: what is declared. Second pass: each member against the schema and the rules.
        string? Walk(Action<string> onSection, JsonSections.MemberHandler onMember)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            return JsonSections.Walk(stream, onSection, onMember);
        }

        var broken = Walk(_ => { }, (section, member, _) =>
        {
            if (member is null)
            {
                return;
            }

            if (section == "prefix")
            {
                prefixes.Add(member);
            }
            else if (ElementKindOf(section) is { } kind)
            {
                ids[kind].Add(member);
            }
        });
        if (broken is not null)
        {
            return [new ValidationProblem("json", path, broken)];
        }

        var schema = Schema.Value;
        Walk(
            section =>
            {
                if (!schema.Properties.ContainsKey(section))
                {
                    problems.Add(new ValidationProblem("schema", $"#/{section}", $"{NJsonSchema.Validation.ValidationErrorKind.NoAdditionalPropertiesAllowed} ({section})"));
                }
            },
            (section, member, json) =>
            {
                var raw = System.Text.Encoding.UTF8.GetString(json);
                if (!schema.Properties.TryGetValue(section, out var sectionSchema))
                {
                    if (member is null)
                    {
                        problems.Add(new ValidationProblem("schema", $"#/{section}", $"{NJsonSchema.Validation.ValidationErrorKind.NoAdditionalPropertiesAllowed} ({section})"));
                    }

                    return;
                }

                var wrapped = member is null ? raw : $"{{{JsonSerializer.Serialize(member)}:{raw}}}";
                foreach (var error in SchemaErrors(sectionSchema, wrapped, $"#/{section}", problems))
                {
                    AddSchemaProblems(error, problems, section);
                }

                using var part = JsonDocument.Parse($"{{{JsonSerializer.Serialize(section)}:{wrapped}}}");
                if (part.RootElement.GetProperty(section).ValueKind == JsonValueKind.Object)
                {
                    CheckRules(ProvJsonReader.Read(part.RootElement), p => prefixes.Contains(p), (kind, id) => ids[kind].Contains(id), generators, problems);
                }
            });
        return problems;
    }

    private static ProvElementKind? ElementKindOf(string section) => section switch
    {
        "entity" => ProvElementKind.Entity,
        "activity" => ProvElementKind.Activity,
        "agent" => ProvElementKind.Agent,
        _ => null,
    };

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

        foreach (var error in SchemaErrors(Schema.Value, json, "#", problems))
        {
            AddSchemaProblems(error, problems, null);
        }

        using (parsed)
        {
            if (parsed.RootElement.ValueKind == JsonValueKind.Object)
            {
                var document = ProvJsonReader.Read(parsed.RootElement);
                CheckRules(document, document.Prefixes.ContainsKey, (kind, id) => document.ElementsOf(kind).ContainsKey(id), new Dictionary<string, string>(StringComparer.Ordinal), problems);
            }
        }

        return problems;
    }

    // NJsonSchema throws on some JSON instead of reporting it (a number beyond 64 bits, found by fuzzing):
    // that is a problem of the document, not a failure of the validation.
    private static ICollection<NJsonSchema.Validation.ValidationError> SchemaErrors(JsonSchema schema, string json, string where, List<ValidationProblem> problems)
    {
        try
        {
            return schema.Validate(json);
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException or ArgumentException)
        {
            problems.Add(new ValidationProblem("schema", where, $"cannot be checked against the PROV-JSON schema: {e.Message}"));
            return [];
        }
    }

    // "anyOf" failures hide the real cause in child errors: report the innermost ones with their paths.
    // section: the section a member was validated in alone; its paths are made whole-document paths.
    private static void AddSchemaProblems(NJsonSchema.Validation.ValidationError error, List<ValidationProblem> problems, string? section)
    {
        var path = error.Path ?? "#";
        if (section is not null)
        {
            path = path.Length > 2 ? $"#/{section}.{path[2..]}" : $"#/{section}";
        }

        problems.Add(new ValidationProblem("schema", path, $"{error.Kind} ({error.Property})"));
        if (error is NJsonSchema.Validation.ChildSchemaValidationError child)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var inner in child.Errors.Values.SelectMany(e => e))
            {
                if (seen.Add($"{inner.Path}|{inner.Kind}"))
                {
                    AddSchemaProblems(inner, problems, section);
                }
            }
        }
    }

    // document: the whole document, or one member of it (declared and prefixDeclared then answer for the whole).
    // generators: the activity that generated each entity, so far (shared by the members of one document).
    private static void CheckRules(ProvDocument document, Func<string, bool> prefixDeclared, Func<ProvElementKind, string, bool> declared, Dictionary<string, string> generators, List<ValidationProblem> problems)
    {
        void CheckName(string name, string where)
        {
            var colon = name.IndexOf(':');
            if (colon <= 0 || name.StartsWith("_:", StringComparison.Ordinal))
            {
                return;
            }

            var prefix = name[..colon];
            if (!prefixDeclared(prefix) && prefix is not ("prov" or "xsd"))
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
            if (!declared(subjectKind, relation.Subject))
            {
                problems.Add(new ValidationProblem("dangling", name, $"'{relation.Subject}' is not a declared {subjectKind.ToString().ToLowerInvariant()}"));
            }

            if (!declared(objectKind, relation.Object))
            {
                problems.Add(new ValidationProblem("dangling", name, $"'{relation.Object}' is not a declared {objectKind.ToString().ToLowerInvariant()}"));
            }

            // PROV-CONSTRAINTS (generation uniqueness): an entity is generated by one activity at most.
            if (relation.Kind == ProvRelationKind.WasGeneratedBy && !generators.TryAdd(relation.Subject, relation.Object) && generators[relation.Subject] != relation.Object)
            {
                problems.Add(new ValidationProblem("generation", relation.Subject, $"generated twice, by '{generators[relation.Subject]}' and by '{relation.Object}' (PROV allows one generation per entity)"));
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
