using System.Reflection;
using System.Text.Json;
using NJsonSchema;
using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Readers;

namespace Provenance.Capture.Prov.Validation;

/// <summary>
/// Checks PROV-JSON against the W3C PROV-JSON JSON schema (draft-04, shipped inside this library, taking
/// both <c>wasEndedBy</c> and the schema's own spelling <c>wasEndedby</c>) and that every time is an
/// <c>xsd:dateTime</c>: breaking these is an error. The rules this product's own documents meet beyond
/// PROV — every prefix and identifier used is declared, an entity is generated once, no activity ends
/// before it starts — are warnings, errors when strict. Bundles are checked with the rest.
/// </summary>
public static class ProvValidator
{
    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema);
    private static readonly Lock SchemaLock = new();

    // The sections the schema knows (both ended-by spellings), read without NJsonSchema: a document
    // whose every member the acceptor takes never loads it.
    private static readonly Lazy<HashSet<string>> Sections = new(() =>
    {
        using var stream = SchemaResource();
        var properties = System.Text.Json.Nodes.JsonNode.Parse(stream)!["properties"]!.AsObject();
        return [.. properties.Select(p => p.Key), "wasEndedBy"];
    });

    /// <summary>Files larger than this are validated member by member rather than as one tree.</summary>
    internal const long WholeDocumentLimit = 4L << 20;

    /// <summary>
    /// Validates a file. A large file (a night at subrun granularity) is checked one element or
    /// relation at a time, in two passes, in memory that grows with the number of ids only.
    /// </summary>
    /// <param name="path">The PROV-JSON file.</param>
    /// <param name="strict">Whether the product's own rules are errors rather than warnings.</param>
    /// <returns>Every problem, note and warning; the document is valid when none is an <see cref="ValidationSeverity.Error"/>.</returns>
    public static IReadOnlyList<ValidationProblem> ValidateFile(string path, bool strict = false)
    {
        try
        {
            return new FileInfo(path).Length > WholeDocumentLimit ? ValidateInParts(path, strict) : Validate(File.ReadAllText(path), strict);
        }
        catch (IOException e)
        {
            return [new ValidationProblem("file", path, e.Message)];
        }
    }

    /// <summary>Whether the problems leave the document valid (no error among them).</summary>
    /// <param name="problems">What a validation found.</param>
    /// <returns>True when none is an error.</returns>
    public static bool IsValid(IEnumerable<ValidationProblem> problems) => problems.All(p => p.Severity != ValidationSeverity.Error);

    // The product's own rules, beyond PROV: warnings unless strict.
    private static readonly HashSet<string> HouseRules = new(["dangling", "prefix", "generation", "time"], StringComparer.Ordinal);

    private static List<ValidationProblem> Weighed(List<ValidationProblem> problems, bool strict)
    {
        for (var i = 0; i < problems.Count; i++)
        {
            if (HouseRules.Contains(problems[i].Rule) && !strict)
            {
                problems[i] = problems[i] with { Severity = ValidationSeverity.Warning };
            }
        }

        return problems;
    }

    /// <summary>Validates a file one member of a section at a time (what <see cref="ValidateFile"/> does for large files).</summary>
    /// <param name="path">The file.</param>
    /// <param name="strict">Whether the product's own rules are errors.</param>
    /// <param name="acceptor">Whether certainly-valid members skip NJsonSchema (<see cref="SchemaAcceptor"/>) and have their times and rules checked from their bytes (<see cref="MemberRules"/>); off to measure them and to show they find the same.</param>
    internal static IReadOnlyList<ValidationProblem> ValidateInParts(string path, bool strict = false, bool acceptor = true)
    {
        var problems = new List<ValidationProblem>();
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

        var broken = Walk(section => NoteSpelling(section, problems), (section, member, json) =>
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
            else if (section == "bundle")
            {
                // A bundle's elements are declared for the rest of the document too, as in the whole-document check.
                DeclaredInBundle(json, prefixes, ids);
            }
        });
        if (broken is not null)
        {
            return [new ValidationProblem("json", path, broken)];
        }

        var declarations = new MemberRules.Declarations(prefixes.Contains, (kind, id) => ids[kind].Contains(id));
        var batches = new MemberBatches((section, member, json, found, generated) => CheckMember(section, member, json, acceptor, declarations, found, generated), problems);
        Walk(
            section =>
            {
                if (!Sections.Value.Contains(section))
                {
                    batches.Add(new ValidationProblem("schema", $"#/{section}", $"{NJsonSchema.Validation.ValidationErrorKind.NoAdditionalPropertiesAllowed} ({section})"));
                }
            },
            batches.Add);
        batches.Finish();
        return Weighed(problems, strict);
    }

    // One member of a section (or a section that is no object: member null), checked alone.
    private static void CheckMember(
        string section, string? member, ReadOnlySpan<byte> json, bool acceptor, MemberRules.Declarations declarations, List<ValidationProblem> problems, Action<string, string> generated)
    {
        if (!Sections.Value.Contains(section))
        {
            if (member is null)
            {
                problems.Add(new ValidationProblem("schema", $"#/{section}", $"{NJsonSchema.Validation.ValidationErrorKind.NoAdditionalPropertiesAllowed} ({section})"));
            }

            return;
        }

        // A member certainly valid skips NJsonSchema (most of the time a large document takes), and its
        // times and rules are checked in one pass of its bytes.
        if (member is not null && acceptor && SchemaAcceptor.Accepts(section, member, json))
        {
            if (MemberRules.Check(section, member, json, declarations, problems) is { } generation)
            {
                generated(generation.Entity, generation.Activity);
            }

            return;
        }

        AddMemberSchemaProblems(section, member, System.Text.Encoding.UTF8.GetString(json), problems);
        using var part = JsonDocument.Parse(Part(new System.Buffers.ArrayBufferWriter<byte>(json.Length + 64), section, member, json));
        if (part.RootElement.GetProperty(section).ValueKind == JsonValueKind.Object)
        {
            CheckTimes(part.RootElement, problems);
            CheckRules(ProvJsonReader.Read(part.RootElement), declarations.PrefixDeclared, declarations.Declared, generated, problems);
        }
    }

    /// <summary>What NJsonSchema finds in one member of a section, checked alone (as <see cref="ValidateInParts"/> does without the acceptor).</summary>
    internal static IReadOnlyList<ValidationProblem> SchemaFindings(string section, string member, string value)
    {
        var problems = new List<ValidationProblem>();
        AddMemberSchemaProblems(section, member, value, problems);
        return problems;
    }

    // NJsonSchema's findings on one member of a section (or on the section's value when it is no object).
    private static void AddMemberSchemaProblems(string section, string? member, string value, List<ValidationProblem> problems)
    {
        var wrapped = member is null ? value : $"{{{JsonSerializer.Serialize(member)}:{value}}}";
        foreach (var error in SchemaErrors(Schema.Value.Properties[section], wrapped, $"#/{section}", problems))
        {
            AddSchemaProblems(error, problems, section);
        }
    }

    // {"section": {"member": value}} (or {"section": value}): one member as a document of its own.
    private static ReadOnlyMemory<byte> Part(System.Buffers.ArrayBufferWriter<byte> buffer, string section, string? member, ReadOnlySpan<byte> value)
    {
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            writer.WritePropertyName(section);
            if (member is not null)
            {
                writer.WriteStartObject();
                writer.WritePropertyName(member);
            }

            writer.WriteRawValue(value, skipInputValidation: true);
            if (member is not null)
            {
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private static void DeclaredInBundle(ReadOnlySpan<byte> json, HashSet<string> prefixes, Dictionary<ProvElementKind, HashSet<string>> ids)
    {
        using var bundle = JsonDocument.Parse(json.ToArray());
        if (bundle.RootElement.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var section in bundle.RootElement.EnumerateObject().Where(s => s.Value.ValueKind == JsonValueKind.Object))
        {
            foreach (var member in section.Value.EnumerateObject())
            {
                if (section.Name == "prefix")
                {
                    prefixes.Add(member.Name);
                }
                else if (ElementKindOf(section.Name) is { } kind)
                {
                    ids[kind].Add(member.Name);
                }
            }
        }
    }

    // Which spelling of the ended-by section the document uses: both are read, and the user is told.
    private static void NoteSpelling(string section, List<ValidationProblem> problems)
    {
        var note = section switch
        {
            "wasEndedBy" => "uses 'wasEndedBy' (the PROV-JSON submission's spelling; the W3C schema's is 'wasEndedby'): read as ended-by",
            ProvRelationShape.SchemaEndedBy => "uses 'wasEndedby' (the W3C schema's spelling; the PROV-JSON submission's is 'wasEndedBy'): read as ended-by",
            _ => null,
        };
        if (note is not null && !problems.Any(p => p.Rule == "spelling" && p.Path == $"#/{section}"))
        {
            problems.Add(new ValidationProblem("spelling", $"#/{section}", note) { Severity = ValidationSeverity.Note });
        }
    }

    // Every time must be an xsd:dateTime (2020-11-20T22:00:00Z, with an optional fraction and zone):
    // prov:startTime, prov:endTime, prov:time, and any literal typed xsd:dateTime.
    private static void CheckTimes(JsonElement document, List<ValidationProblem> problems)
    {
        foreach (var section in document.EnumerateObject().Where(s => s.Value.ValueKind == JsonValueKind.Object))
        {
            foreach (var member in section.Value.EnumerateObject().Where(m => m.Value.ValueKind == JsonValueKind.Object))
            {
                if (section.Name == "bundle")
                {
                    CheckTimes(member.Value, problems);
                    continue;
                }

                foreach (var attribute in member.Value.EnumerateObject())
                {
                    var values = attribute.Value.ValueKind == JsonValueKind.Array ? attribute.Value.EnumerateArray().ToList() : [attribute.Value];
                    foreach (var value in values)
                    {
                        var text = attribute.Name is "prov:startTime" or "prov:endTime" or "prov:time" && value.ValueKind == JsonValueKind.String ? value.GetString()
                            : value.ValueKind == JsonValueKind.Object && value.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "xsd:dateTime"
                              && value.TryGetProperty("$", out var literal) && literal.ValueKind == JsonValueKind.String ? literal.GetString()
                            : null;
                        if (text is not null)
                        {
                            CheckTime(member.Name, attribute.Name, text, problems);
                        }
                    }
                }
            }
        }
    }

    /// <summary>The finding on a time that is no xsd:dateTime (none when it is one).</summary>
    internal static void CheckTime(string where, string attribute, string text, List<ValidationProblem> problems)
    {
        if (!IsDateTime(text))
        {
            problems.Add(new ValidationProblem("datetime", where, $"{attribute} '{text}' is not an xsd:dateTime (expected e.g. 2020-11-20T22:00:00Z)"));
        }
    }

    private static bool IsDateTime(string text)
    {
        // The lexical form first (XmlConvert also takes a bare date), then a real date and time.
        if (text.Length < 19 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':')
        {
            return false;
        }

        try
        {
            _ = System.Xml.XmlConvert.ToDateTimeOffset(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
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
    /// <param name="strict">Whether the product's own rules are errors rather than warnings.</param>
    /// <returns>Every problem; empty when valid.</returns>
    public static IReadOnlyList<ValidationProblem> Validate(string json, bool strict = false)
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
                foreach (var section in parsed.RootElement.EnumerateObject())
                {
                    NoteSpelling(section.Name, problems);
                }

                CheckTimes(parsed.RootElement, problems);
                var document = ProvJsonReader.Read(parsed.RootElement);
                var generators = new Dictionary<string, string>(StringComparer.Ordinal);
                CheckRules(document, document.Prefixes.ContainsKey, (kind, id) => document.ElementsOf(kind).ContainsKey(id), (entity, activity) => CheckGeneration(entity, activity, generators, problems), problems);
            }
        }

        return Weighed(problems, strict);
    }

    // NJsonSchema throws on some JSON instead of reporting it (a number beyond 64 bits, found by fuzzing):
    // that is a problem of the document, not a failure of the validation.
    private static ICollection<NJsonSchema.Validation.ValidationError> SchemaErrors(JsonSchema schema, string json, string where, List<ValidationProblem> problems)
    {
        try
        {
            // Members are checked on several threads; NJsonSchema does not say its schema objects may be shared.
            lock (SchemaLock)
            {
                return schema.Validate(json);
            }
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
        var property = error.Property;
        if (section is not null)
        {
            // The root of a member checked alone is its section, which the whole document's check names.
            (path, property) = path.Length > 2 ? ($"#/{section}.{path[2..]}", property) : ($"#/{section}", section);
        }

        problems.Add(new ValidationProblem("schema", path, $"{error.Kind} ({property})"));
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
    // generated: told each generation (entity, activity), in order, for the uniqueness check over the whole document.
    private static void CheckRules(ProvDocument document, Func<string, bool> prefixDeclared, Func<ProvElementKind, string, bool> declared, Action<string, string> generated, List<ValidationProblem> problems)
    {
        void CheckName(string name, string where) => ProvValidator.CheckName(name, where, prefixDeclared, problems);

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

                CheckOrder(element.Id, element.StartTime, element.EndTime, problems);
            }
        }

        foreach (var relation in document.Relations)
        {
            var shape = ProvRelationShape.Of(relation.Kind);
            CheckDeclared(shape, relation.Subject, relation.Object, declared, problems);
            if (relation.Kind == ProvRelationKind.WasGeneratedBy)
            {
                generated(relation.Subject, relation.Object);
            }
        }
    }

    /// <summary>The finding on a qualified name whose prefix is not declared (prov and xsd always are; blank nodes have none).</summary>
    internal static void CheckName(string name, string where, Func<string, bool> prefixDeclared, List<ValidationProblem> problems)
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

    /// <summary>The finding on an element that ends before it starts.</summary>
    internal static void CheckOrder(string id, DateTimeOffset? start, DateTimeOffset? end, List<ValidationProblem> problems)
    {
        if (start is { } from && end is { } to && to < from)
        {
            problems.Add(new ValidationProblem("time", id, $"ends ({to:O}) before it starts ({from:O})"));
        }
    }

    /// <summary>The findings on a relation whose arguments are not declared elements of their kinds.</summary>
    internal static void CheckDeclared(ProvRelationShape shape, string subject, string obj, Func<ProvElementKind, string, bool> declared, List<ValidationProblem> problems)
    {
        if (!declared(shape.SubjectKind, subject))
        {
            problems.Add(new ValidationProblem("dangling", shape.Name, $"'{subject}' is not a declared {shape.SubjectKind.ToString().ToLowerInvariant()}"));
        }

        if (!declared(shape.ObjectKind, obj))
        {
            problems.Add(new ValidationProblem("dangling", shape.Name, $"'{obj}' is not a declared {shape.ObjectKind.ToString().ToLowerInvariant()}"));
        }
    }

    /// <summary>PROV-CONSTRAINTS (generation uniqueness): an entity is generated by one activity at most.</summary>
    internal static void CheckGeneration(string entity, string activity, Dictionary<string, string> generators, List<ValidationProblem> problems)
    {
        if (!generators.TryAdd(entity, activity) && generators[entity] != activity)
        {
            problems.Add(new ValidationProblem("generation", entity, $"generated twice, by '{generators[entity]}' and by '{activity}' (PROV allows one generation per entity)"));
        }
    }

    private static Stream SchemaResource()
        => Assembly.GetExecutingAssembly().GetManifestResourceStream("prov-json.schema.json")
           ?? throw new InvalidOperationException("the PROV-JSON schema resource is missing from the assembly");

    private static JsonSchema LoadSchema()
    {
        using var stream = SchemaResource();
        var schema = System.Text.Json.Nodes.JsonNode.Parse(stream)!;
        AcceptBothEndedBySpellings(schema);
        return JsonSchema.FromJsonAsync(schema.ToJsonString()).GetAwaiter().GetResult();
    }

    // The schema lists only its own spelling ('wasEndedby') and forbids other sections: give the
    // submission's 'wasEndedBy' the same definition wherever the schema lists the sections (document, bundle).
    private static void AcceptBothEndedBySpellings(System.Text.Json.Nodes.JsonNode node)
    {
        if (node is System.Text.Json.Nodes.JsonObject map)
        {
            if (map["properties"] is System.Text.Json.Nodes.JsonObject properties && properties[ProvRelationShape.SchemaEndedBy] is { } endedBy)
            {
                properties["wasEndedBy"] = endedBy.DeepClone();
            }

            foreach (var (_, child) in map.ToList())
            {
                if (child is not null)
                {
                    AcceptBothEndedBySpellings(child);
                }
            }
        }
    }
}
