using System.Text;
using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Prov.Writers;

/// <summary>Writes PROV-N, the W3C PROV notation.</summary>
public static class ProvNWriter
{
    /// <summary>Writes a document to a file.</summary>
    /// <param name="graph">The document.</param>
    /// <param name="path">The file.</param>
    public static void Write(IProvGraph graph, string path) => WriteCounted(graph, path);

    /// <summary>Writes a document to a file (a merge's parts on three threads at once).</summary>
    /// <returns>How many elements and relations were written.</returns>
    internal static ProvCounts WriteCounted(IProvGraph graph, string path)
        => LineParts.Write(graph, path, Header(graph), "endDocument\n", EntityLine, ActivityLine, AgentLine, RelationLine, DirectRelationLine.Instance, text => new DirectEntityLine(text));

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
        text.Write(Header(graph));
        LineParts.Lines(graph.Elements(ProvElementKind.Entity), graph.Elements(ProvElementKind.Activity), graph.Elements(ProvElementKind.Agent), graph.Relations, EntityLine, ActivityLine, AgentLine, RelationLine, text.Write);
        text.Write("endDocument\n");
    }

    private static string Header(IProvGraph graph)
    {
        var header = new StringBuilder("document\n");
        foreach (var (name, uri) in graph.Prefixes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (name is not ("prov" or "xsd"))
            {
                header.Append($"  prefix {name} <{uri}>\n");
            }
        }

        return header.Append('\n').ToString();
    }

    private static string EntityLine(ProvElement entity) => $"  entity({entity.Id}{Attributes(entity)})\n";

    private static string ActivityLine(ProvElement activity) => $"  activity({activity.Id}, {Time(activity.StartTime)}, {Time(activity.EndTime)}{Attributes(activity)})\n";

    private static string AgentLine(ProvElement agent) => $"  agent({agent.Id}{Attributes(agent)})\n";

    private static string RelationLine(ProvRelation relation) => $"  {Relation(relation)}\n";

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

    // What EntityLine makes, from UTF-8 pieces (a merge's entities, written from its symbols).
    private sealed class DirectEntityLine(LineText text) : EntityOutput
    {
        private bool _attributes;

        public override void Start(ReadOnlySpan<byte> head, ReadOnlySpan<byte> local)
        {
            text.Append("  entity("u8);
            text.Append(head);
            text.Append(local);
            _attributes = false;
        }

        public override void Text(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
        {
            Name(name);
            Quoted(text, value);
        }

        public override void Text(ReadOnlySpan<byte> name, string value)
        {
            Name(name);
            text.Append(Quote(value));
        }

        public override void Literal(ReadOnlySpan<byte> name, ProvLiteral value)
        {
            Name(name);
            text.Append(ProvNWriter.Literal(value));
        }

        public override void Number(ReadOnlySpan<byte> name, long value, ReadOnlySpan<byte> type)
        {
            Name(name);
            text.Append("\""u8);
            System.Buffers.Text.Utf8Formatter.TryFormat(value, text.Room(20), out var written);
            text.Advance(written);
            text.Append("\" %% "u8);
            text.Append(type);
        }

        public override void End()
        {
            text.Append(_attributes ? "])\n"u8 : ")\n"u8);
            text.FlushIfFull();
        }

        private void Name(ReadOnlySpan<byte> name)
        {
            text.Append(_attributes ? ", "u8 : ", ["u8);
            _attributes = true;
            text.Append(name);
            text.Append("="u8);
        }

        // What Quote makes of the text: between double quotes, each backslash and double quote escaped by a backslash.
        private static void Quoted(LineText text, ReadOnlySpan<byte> value)
        {
            text.Append("\""u8);
            while (value.IndexOfAny((byte)'\\', (byte)'"') is var at && at >= 0)
            {
                text.Append(value[..at]);
                text.Append(value[at] == (byte)'"' ? "\\\""u8 : "\\\\"u8);
                value = value[(at + 1)..];
            }

            text.Append(value);
            text.Append("\""u8);
        }
    }

    // What Relation makes, from UTF-8 pieces (a merge's relations, written from its symbols).
    private sealed class DirectRelationLine : IRelationLine
    {
        public static readonly DirectRelationLine Instance = new();

        private static readonly Dictionary<ProvRelationKind, byte[]> Names = ProvRelationShape.All.ToDictionary(s => s.Kind, s => Encoding.UTF8.GetBytes($"  {s.Name}("));

        public void Write(LineText text, ProvRelationShape shape, ReadOnlySpan<byte> subjectHead, ReadOnlySpan<byte> subject, ReadOnlySpan<byte> objectHead, ReadOnlySpan<byte> obj, string? role, DateTimeOffset? time)
        {
            if (shape.Kind is not (ProvRelationKind.Used or ProvRelationKind.WasGeneratedBy or ProvRelationKind.WasAssociatedWith or ProvRelationKind.WasAttributedTo
                or ProvRelationKind.WasDerivedFrom or ProvRelationKind.WasInformedBy or ProvRelationKind.HadMember or ProvRelationKind.ActedOnBehalfOf))
            {
                throw new ArgumentOutOfRangeException(nameof(shape));
            }

            text.Append(Names[shape.Kind]);
            text.Append(subjectHead);
            text.Append(subject);
            text.Append(", "u8);
            text.Append(objectHead);
            text.Append(obj);
            switch (shape.Kind)
            {
                case ProvRelationKind.Used:
                    text.Append(", -"u8);
                    Role(text, role);
                    break;
                case ProvRelationKind.WasGeneratedBy:
                    text.Append(", "u8);
                    if (time is { } at)
                    {
                        text.Advance(TimeText.Format(at, text.Room(TimeText.MaxLength), json: false));
                    }
                    else
                    {
                        text.Append("-"u8);
                    }

                    Role(text, role);
                    break;
                case ProvRelationKind.WasAssociatedWith or ProvRelationKind.ActedOnBehalfOf:
                    text.Append(", -"u8);
                    break;
            }

            text.Append(")\n"u8);
        }

        private static void Role(LineText text, string? role)
        {
            if (role is not null)
            {
                text.Append(", [prov:role="u8);
                text.Append(Quote(role));
                text.Append("]"u8);
            }
        }
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
