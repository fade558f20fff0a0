using System.Text.Json;
using System.Text.RegularExpressions;

namespace Provenance.Capture.Prov.Validation;

/// <summary>
/// The W3C PROV-JSON schema's rule for one member of a section, written out by hand from the schema
/// shipped in this library: an element is an object of attribute values (a string, number, boolean,
/// typed literal <c>{"$", "type", "lang"}</c>, or a non-empty array of those); a relation also has its
/// required properties, and its listed ones are strings that are URIs (or <c>date-time</c>s for
/// times). It only ever accepts: a member it accepts has no schema finding, so the general check
/// (NJsonSchema, with its paths and messages) is skipped; anything it is not sure of — a format
/// that depends on how NJsonSchema reads the text, a huge number, a key given twice, a bundle — it
/// leaves to the general check, which then decides as before.
/// </summary>
internal static partial class SchemaAcceptor
{
    // Each relation section: its listed properties (true: a time, else a URI) and which are required.
    private static readonly Dictionary<string, (Dictionary<string, bool> Listed, string[] Required)> Relations = new(StringComparer.Ordinal)
    {
        ["wasGeneratedBy"] = (Listed(("prov:entity", false), ("prov:activity", false), ("prov:time", true)), ["prov:entity"]),
        ["used"] = (Listed(("prov:entity", false), ("prov:activity", false), ("prov:time", true)), ["prov:entity"]),
        ["wasInformedBy"] = (Listed(("prov:informant", false), ("prov:informed", false)), ["prov:informant", "prov:informed"]),
        ["wasStartedBy"] = (Listed(("prov:activity", false), ("prov:time", true), ("prov:trigger", false)), ["prov:activity"]),
        ["wasEndedby"] = (Listed(("prov:activity", false), ("prov:time", true), ("prov:trigger", false)), ["prov:activity"]),
        ["wasEndedBy"] = (Listed(("prov:activity", false), ("prov:time", true), ("prov:trigger", false)), ["prov:activity"]),
        ["wasInvalidatedBy"] = (Listed(("prov:entity", false), ("prov:time", true), ("prov:activity", false)), ["prov:entity"]),
        ["wasDerivedFrom"] = (Listed(("prov:generatedEntity", false), ("prov:usedEntity", false), ("prov:activity", false), ("prov:generation", false), ("prov:usage", false)), ["prov:generatedEntity", "prov:usedEntity"]),
        ["wasAttributedTo"] = (Listed(("prov:entity", false), ("prov:agent", false)), ["prov:entity", "prov:agent"]),
        ["wasAssociatedWith"] = (Listed(("prov:activity", false), ("prov:agent", false), ("prov:plan", false)), ["prov:activity"]),
        ["actedOnBehalfOf"] = (Listed(("prov:delegate", false), ("prov:responsible", false), ("prov:activity", false)), ["prov:delegate", "prov:responsible"]),
        ["wasInfluencedBy"] = (Listed(("prov:influencer", false), ("prov:influencee", false)), ["prov:influencer", "prov:influencee"]),
        ["specializationOf"] = (Listed(("prov:generalEntity", false), ("prov:specificEntity", false)), ["prov:generalEntity", "prov:specificEntity"]),
        ["alternateOf"] = (Listed(("prov:alternate1", false), ("prov:alternate2", false)), ["prov:alternate1", "prov:alternate2"]),
        ["hadMember"] = (Listed(("prov:collection", false), ("prov:entity", false)), ["prov:collection", "prov:entity"]),
    };

    private static Dictionary<string, bool> Listed(params (string Name, bool Time)[] properties) => properties.ToDictionary(p => p.Name, p => p.Time, StringComparer.Ordinal);

    /// <summary>Whether the member's value certainly meets its section's schema.</summary>
    /// <param name="section">The section (entity, used, …).</param>
    /// <param name="member">The member's name.</param>
    /// <param name="value">The member's JSON value.</param>
    /// <returns>True when certainly valid; false when the general check must decide.</returns>
    public static bool Accepts(string section, string member, ReadOnlySpan<byte> value)
    {
        try
        {
            return section == "prefix" ? Prefix(member, value) : Member(section, value);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // A text the reader cannot hand over (a lone surrogate escape): the general check decides.
            return false;
        }
    }

    // A prefix named as the schema's pattern says, bound to an absolute URI.
    private static bool Prefix(string member, ReadOnlySpan<byte> value)
    {
        var uri = new Utf8JsonReader(value);
        return PrefixName().IsMatch(member) && uri.Read() && uri.TokenType == JsonTokenType.String && IsUri(uri.GetString()!) && !uri.Read();
    }

    private static bool Member(string section, ReadOnlySpan<byte> value)
    {
        var relation = Relations.GetValueOrDefault(section);
        if (relation.Listed is null && section is not ("entity" or "activity" or "agent"))
        {
            return false;
        }

        var reader = new Utf8JsonReader(value);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (!seen.Add(name) || !reader.Read())
            {
                return false;
            }

            if (relation.Listed is not null && relation.Listed.TryGetValue(name, out var time))
            {
                if (reader.TokenType != JsonTokenType.String || !(time ? IsDateTime(reader.GetString()!) : IsUri(reader.GetString()!)))
                {
                    return false;
                }
            }
            else if (!AttributeValue(ref reader))
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return false;
        }

        return relation.Required is null || relation.Required.All(seen.Contains);
    }

    // A string, number, boolean, typed literal, or non-empty array of those.
    private static bool AttributeValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return Literal(ref reader);
        }

        var items = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items++;
            if (!Literal(ref reader))
            {
                return false;
            }
        }

        return items > 0;
    }

    private static bool Literal(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String or JsonTokenType.True or JsonTokenType.False => true,
        JsonTokenType.Number => PlainNumber(ref reader),
        JsonTokenType.StartObject => TypedLiteral(ref reader),
        _ => false,
    };

    // A number any JSON reader takes as one: a 64-bit integer, or a finite fraction.
    private static bool PlainNumber(ref Utf8JsonReader reader)
    {
        if (reader.TryGetInt64(out _))
        {
            return true;
        }

        var raw = reader.HasValueSequence ? [] : reader.ValueSpan;
        return raw.IndexOfAny("."u8) >= 0 || raw.IndexOfAny("eE"u8) >= 0
            ? raw.Length <= 32 && reader.TryGetDouble(out var real) && double.IsFinite(real)
            : false;
    }

    // {"$": string, "type": URI string, "lang": string}, "$" required, nothing else.
    private static bool TypedLiteral(ref Utf8JsonReader reader)
    {
        bool dollar = false, type = false, lang = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                return false;
            }

            switch (name)
            {
                case "$" when !dollar:
                    dollar = true;
                    break;
                case "type" when !type:
                    type = true;
                    if (!IsUri(reader.GetString()!))
                    {
                        return false;
                    }

                    break;
                case "lang" when !lang:
                    lang = true;
                    break;
                default:
                    return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject && dollar;
    }

    // NJsonSchema's "uri": an absolute URI. Texts its JSON reader may take for a date (a leading digit,
    // "/Date(") and Unix paths (absolute URIs on Linux only) are left to it.
    private static bool IsUri(string text)
        => text.Length > 0 && char.IsAsciiLetter(text[0]) && Uri.TryCreate(text, UriKind.Absolute, out _);

    // NJsonSchema's "date-time", by the pattern it accepts whatever else it tries.
    private static bool IsDateTime(string text) => DateTime().IsMatch(text);

    [GeneratedRegex(@"^[a-zA-Z0-9_\-]+$", RegexOptions.None, 250)]
    private static partial Regex PrefixName();

    [GeneratedRegex(@"^((?:(\d{4}-\d{2}-\d{2})([Tt_]| )(\d{2}:\d{2}:\d{2}(?:\.\d+)?))([Zz]|[\+-]\d{2}:\d{2}))$", RegexOptions.None, 250)]
    private static partial Regex DateTime();
}
