using System.Text;
using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Prov.Writers;

/// <summary>Writes PROV-N, the W3C PROV notation.</summary>
public static class ProvNWriter
{
    /// <summary>Writes a document to a file.</summary>
    /// <param name="document">The document.</param>
    /// <param name="path">The file.</param>
    public static void Write(ProvDocument document, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, ToProvN(document));
    }

    /// <summary>Renders a document.</summary>
    /// <param name="document">The document.</param>
    /// <returns>PROV-N text.</returns>
    public static string ToProvN(ProvDocument document)
    {
        var text = new StringBuilder("document\n");
        foreach (var (name, uri) in document.Prefixes)
        {
            if (name is not ("prov" or "xsd"))
            {
                text.Append($"  prefix {name} <{uri}>\n");
            }
        }

        text.Append('\n');
        foreach (var entity in document.Entities.Values)
        {
            text.Append($"  entity({entity.Id}{Attributes(entity)})\n");
        }

        foreach (var activity in document.Activities.Values)
        {
            text.Append($"  activity({activity.Id}, {Time(activity.StartTime)}, {Time(activity.EndTime)}{Attributes(activity)})\n");
        }

        foreach (var agent in document.Agents.Values)
        {
            text.Append($"  agent({agent.Id}{Attributes(agent)})\n");
        }

        foreach (var relation in document.Relations)
        {
            text.Append("  ").Append(Relation(relation)).Append('\n');
        }

        return text.Append("endDocument\n").ToString();
    }

    private static string Relation(ProvRelation r)
    {
        var role = r.Role is null ? string.Empty : $", [prov:role={Quote(r.Role)}]";
        return r.Kind switch
        {
            ProvRelationKind.Used => $"used({r.Subject}, {r.Object}, -{role})",
            ProvRelationKind.WasGeneratedBy => $"wasGeneratedBy({r.Subject}, {r.Object}, {Time(r.Time)}{role})",
            ProvRelationKind.WasAssociatedWith => $"wasAssociatedWith({r.Subject}, {r.Object}, -)",
            ProvRelationKind.WasAttributedTo => $"wasAttributedTo({r.Subject}, {r.Object})",
            ProvRelationKind.WasDerivedFrom => $"wasDerivedFrom({r.Subject}, {r.Object})",
            ProvRelationKind.WasInformedBy => $"wasInformedBy({r.Subject}, {r.Object})",
            ProvRelationKind.HadMember => $"hadMember({r.Subject}, {r.Object})",
            ProvRelationKind.ActedOnBehalfOf => $"actedOnBehalfOf({r.Subject}, {r.Object}, -)",
            _ => throw new ArgumentOutOfRangeException(nameof(r)),
        };
    }

    private static string Time(DateTimeOffset? time) => time is { } t ? ProvTime.Format(t) : "-";

    private static string Attributes(ProvElement element)
    {
        var pairs = new List<string>();
        foreach (var (name, values) in element.Attributes)
        {
            foreach (var value in values)
            {
                pairs.Add($"{name}={Literal(value)}");
            }
        }

        return pairs.Count == 0 ? string.Empty : ", [" + string.Join(", ", pairs) + "]";
    }

    private static string Literal(ProvLiteral literal) => literal.Type switch
    {
        null => Quote(literal.Text),
        "xsd:QName" => $"'{literal.Text}'",
        _ => $"{Quote(literal.Text)} %% {literal.Type}",
    };

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
