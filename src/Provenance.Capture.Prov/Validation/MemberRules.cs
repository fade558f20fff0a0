using System.Text.Json;
using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Readers;

namespace Provenance.Capture.Prov.Validation;

/// <summary>
/// The time and rule checks of one member that <see cref="SchemaAcceptor"/> took, made in one pass of
/// its bytes: the findings, in the same order, that the general path makes from the member parsed as a
/// document of its own and read into a <see cref="ProvDocument"/> (tested equal). An accepted member
/// has a known shape — an object of distinct attributes whose values are strings, numbers, booleans,
/// typed literals or non-empty arrays of those; a relation's listed properties are strings — so
/// one reader pass sees everything the rules look at.
/// </summary>
internal static class MemberRules
{
    /// <summary>Declared names of the whole document, for the member's rules.</summary>
    /// <param name="PrefixDeclared">Whether a prefix is declared.</param>
    /// <param name="Declared">Whether an element of a kind is declared.</param>
    internal sealed record Declarations(Func<string, bool> PrefixDeclared, Func<ProvElementKind, string, bool> Declared);

    /// <summary>Adds the member's findings.</summary>
    /// <param name="section">The member's section.</param>
    /// <param name="member">The member's name (an element's id).</param>
    /// <param name="json">The member's value, accepted by <see cref="SchemaAcceptor"/>.</param>
    /// <param name="declarations">What the document declares.</param>
    /// <param name="problems">Where the findings go.</param>
    /// <returns>For a generation, its entity and activity: the uniqueness check, which depends on the members before, comes after the findings added.</returns>
    public static (string Entity, string Activity)? Check(string section, string member, ReadOnlySpan<byte> json, Declarations declarations, List<ValidationProblem> problems)
    {
        var kind = section switch
        {
            "entity" => ProvElementKind.Entity,
            "activity" => ProvElementKind.Activity,
            "agent" => ProvElementKind.Agent,
            _ => (ProvElementKind?)null,
        };
        if (section == "prefix")
        {
            return null;
        }

        var shape = kind is null ? ProvRelationShape.Named(section) : null;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        string? start = null, end = null, subject = null, obj = null;
        List<(string Name, List<ValidationProblem> Found)>? named = null;
        List<(string Text, string Type)>? typed = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var isTime = name is "prov:startTime" or "prov:endTime" or "prov:time";
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            if (kind is not null && name == "prov:startTime")
            {
                start = text;
            }
            else if (kind is not null && name == "prov:endTime")
            {
                end = text;
            }
            else if (shape is not null && name == shape.SubjectKey)
            {
                subject = text;
            }
            else if (shape is not null && name == shape.ObjectKey)
            {
                obj = text;
            }

            typed?.Clear();
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    Value(ref reader, member, name, isTime, problems, ref typed);
                }
            }
            else
            {
                Value(ref reader, member, name, isTime, problems, ref typed);
            }

            // An element's attributes (its times aside) are checked in name order, after the member's times.
            if (kind is not null && name is not ("prov:startTime" or "prov:endTime"))
            {
                var found = new List<ValidationProblem>(0);
                ProvValidator.CheckName(name, member, declarations.PrefixDeclared, found);
                foreach (var (value, type) in typed ?? [])
                {
                    ProvValidator.CheckName(type, member, declarations.PrefixDeclared, found);
                    if (type == "xsd:QName")
                    {
                        ProvValidator.CheckName(value, member, declarations.PrefixDeclared, found);
                    }
                }

                if (found.Count > 0)
                {
                    (named ??= []).Add((name, found));
                }
            }
        }

        if (kind is not null)
        {
            ProvValidator.CheckName(member, member, declarations.PrefixDeclared, problems);
            named?.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            foreach (var (_, found) in named ?? [])
            {
                problems.AddRange(found);
            }

            ProvValidator.CheckOrder(member, ProvJsonReader.ParseTime(start), ProvJsonReader.ParseTime(end), problems);
            return null;
        }

        if (shape is null || subject is null || obj is null)
        {
            return null;
        }

        ProvValidator.CheckDeclared(shape, subject, obj, declarations.Declared, problems);
        return shape.Kind == ProvRelationKind.WasGeneratedBy ? (subject, obj) : null;
    }

    // One value: a time-named string or an xsd:dateTime literal is checked as a time; a typed literal
    // is kept (once: an attribute's equal values are one) for the name checks.
    private static void Value(ref Utf8JsonReader reader, string member, string name, bool isTime, List<ValidationProblem> problems, ref List<(string Text, string Type)>? typed)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (isTime)
            {
                ProvValidator.CheckTime(member, name, reader.GetString()!, problems);
            }

            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return;
        }

        string? text = null, type = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString();
            reader.Read();
            if (key == "$")
            {
                text = reader.GetString();
            }
            else if (key == "type")
            {
                type = reader.GetString();
            }
        }

        if (type == "xsd:dateTime")
        {
            ProvValidator.CheckTime(member, name, text!, problems);
        }

        if (type is not null && !(typed ??= []).Contains((text!, type)))
        {
            typed.Add((text!, type));
        }
    }
}
