using System.Text;
using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Prov.Writers;

/// <summary>Writes PROV-N, the W3C PROV notation.</summary>
public static class ProvNWriter
{
    /// <summary>Writes a document to a file.</summary>
    /// <param name="graph">The document.</param>
    /// <param name="path">The file.</param>
    public static void Write(IProvGraph graph, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        Write(graph, writer);
    }

    /// <summary>Renders a document.</summary>
    /// <param name="graph">The document.</param>
    /// <returns>PROV-N text.</returns>
    public static string ToProvN(IProvGraph graph)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(graph, writer);
        return writer.ToString();
    }

    /// <summary>Writes a document, one statement a line, elements before relations.</summary>
    /// <param name="graph">The document.</param>
    /// <param name="text">Where to write.</param>
    public static void Write(IProvGraph graph, TextWriter text)
    {
        text.Write("document\n");
        foreach (var (name, uri) in graph.Prefixes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (name is not ("prov" or "xsd"))
            {
                text.Write($"  prefix {name} <{uri}>\n");
            }
        }

        text.Write('\n');
        foreach (var entity in graph.Elements(ProvElementKind.Entity))
        {
            text.Write($"  entity({entity.Id}{Attributes(entity)})\n");
        }

        foreach (var activity in graph.Elements(ProvElementKind.Activity))
        {
            text.Write($"  activity({activity.Id}, {Time(activity.StartTime)}, {Time(activity.EndTime)}{Attributes(activity)})\n");
        }

        foreach (var agent in graph.Elements(ProvElementKind.Agent))
        {
            text.Write($"  agent({agent.Id}{Attributes(agent)})\n");
        }

        foreach (var shape in ProvRelationShape.All)
        {
            foreach (var relation in graph.Relations(shape.Kind))
            {
                text.Write($"  {Relation(relation)}\n");
            }
        }

        text.Write("endDocument\n");
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
