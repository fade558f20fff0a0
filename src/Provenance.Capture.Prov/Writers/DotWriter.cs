using System.Text;
using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Prov.Writers;

/// <summary>
/// Writes Graphviz DOT in the conventional PROV look: entities yellow ellipses, activities blue
/// rectangles, agents orange houses; edges labelled with the relation (and role).
/// </summary>
public static class DotWriter
{
    /// <summary>Renders a document.</summary>
    /// <param name="graph">The document.</param>
    /// <returns>DOT text.</returns>
    public static string ToDot(IProvGraph graph)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Write(graph, writer);
        return writer.ToString();
    }

    /// <summary>Writes DOT to a file.</summary>
    /// <param name="graph">The document.</param>
    /// <param name="path">The file.</param>
    public static void Write(IProvGraph graph, string path) => WriteCounted(graph, path);

    /// <summary>Writes DOT to a file (a merge's parts on three threads at once).</summary>
    /// <returns>How many elements and relations were written.</returns>
    internal static ProvCounts WriteCounted(IProvGraph graph, string path)
        => LineParts.Write(graph, path, Header, "}\n", e => EntityLine(e, null), a => ActivityLine(a, null), a => AgentLine(a, null), RelationLine, DirectRelationLine.Instance, text => new DirectEntityLine(text));

    /// <summary>Writes DOT.</summary>
    /// <param name="graph">The document.</param>
    /// <param name="text">Where to write.</param>
    public static void Write(IProvGraph graph, TextWriter text) => Write(graph, text, null);

    /// <summary>Renders a document, each element linked where <paramref name="link"/> says (an SVG of it is then clickable).</summary>
    /// <param name="graph">The document.</param>
    /// <param name="link">The address an element links to; null for none.</param>
    /// <returns>DOT text.</returns>
    public static string ToDot(IProvGraph graph, Func<ProvElement, string?> link)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Write(graph, writer, link);
        return writer.ToString();
    }

    /// <summary>Writes DOT, each element linked where <paramref name="link"/> says.</summary>
    /// <param name="graph">The document.</param>
    /// <param name="text">Where to write.</param>
    /// <param name="link">The address an element links to (a DOT <c>URL</c>); null: no links.</param>
    public static void Write(IProvGraph graph, TextWriter text, Func<ProvElement, string?>? link)
    {
        text.Write(Header);
        LineParts.Lines(
            graph.Elements(ProvElementKind.Entity), graph.Elements(ProvElementKind.Activity), graph.Elements(ProvElementKind.Agent), graph.Relations,
            e => EntityLine(e, link), a => ActivityLine(a, link), a => AgentLine(a, link), RelationLine, text.Write);
        text.Write("}\n");
    }

    private const string Header = "digraph provenance {\n  rankdir=\"BT\";\n  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=8];\n";

    private static string Linked(ProvElement element, Func<ProvElement, string?>? link) => link?.Invoke(element) is { } url ? $", URL={Quote(url)}, target=\"_top\"" : string.Empty;

    private static string EntityLine(ProvElement entity, Func<ProvElement, string?>? link) => EntityLine(entity.Id, entity.Get, Linked(entity, link));

    // An entity's line from its id and what its attributes' first values are.
    private static string EntityLine(string id, Func<string, string?> get, string linked)
    {
        var collection = get("prov:type") == "prov:Collection";
        return $"  {Id(id)} [label={Quote(Label(id, get))}, shape=ellipse, style=filled, fillcolor=\"#FFFC87\", color=\"#808080\"{(collection ? ", peripheries=2" : string.Empty)}, tooltip={Quote(id)}{linked}];\n";
    }

    private static string ActivityLine(ProvElement activity, Func<ProvElement, string?>? link)
    {
        var failed = activity.Attributes.TryGetValue("provcap:status", out var statuses) && statuses.Any(s => s.Text is "failed" or "incomplete");
        return $"  {Id(activity.Id)} [label={Quote(Label(activity))}, shape=box, style=filled, fillcolor=\"{(failed ? "#F4A6A6" : "#9FB1FC")}\", color=\"#0000FF\", tooltip={Quote(Tooltip(activity))}{Linked(activity, link)}];\n";
    }

    private static string AgentLine(ProvElement agent, Func<ProvElement, string?>? link)
        => $"  {Id(agent.Id)} [label={Quote(Label(agent))}, shape=house, style=filled, fillcolor=\"#FED37F\", tooltip={Quote(Tooltip(agent))}{Linked(agent, link)}];\n";

    private static string RelationLine(ProvRelation relation)
    {
        var shape = ProvRelationShape.Of(relation.Kind);
        var label = shape.Name;
        if (relation.Role is not null)
        {
            label += "\\n" + relation.Role;
        }

        // Responsibility (association, attribution, delegation) is drawn dashed: its object is an agent.
        var style = shape.ObjectKind == ProvElementKind.Agent ? ", style=dashed, color=\"#808080\"" : string.Empty;
        return $"  {Id(relation.Subject)} -> {Id(relation.Object)} [label={Quote(label)}{style}];\n";
    }

    // What EntityLine makes, from UTF-8 pieces (a merge's entities, written from its symbols): the first
    // value of each attribute the line looks at.
    private sealed class DirectEntityLine(LineText text) : EntityOutput
    {
        private static readonly string[] Read = ["prov:label", "prov:location", "prov:type", "provcap:member_count", "provcap:run", "provcap:subrun", "provcap:calls"];
        private readonly string?[] _values = new string?[Read.Length];
        private string _id = string.Empty;

        public override void Start(ReadOnlySpan<byte> head, ReadOnlySpan<byte> local)
        {
            _id = Encoding.UTF8.GetString(head) + Encoding.UTF8.GetString(local);
            Array.Clear(_values);
        }

        public override void Text(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
        {
            if (Slot(name) is { } slot)
            {
                _values[slot] ??= Encoding.UTF8.GetString(value);
            }
        }

        public override void Text(ReadOnlySpan<byte> name, string value)
        {
            if (Slot(name) is { } slot)
            {
                _values[slot] ??= value;
            }
        }

        public override void Literal(ReadOnlySpan<byte> name, ProvLiteral value) => Text(name, value.Text);

        public override void Number(ReadOnlySpan<byte> name, long value, ReadOnlySpan<byte> type) => Text(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

        public override void End()
        {
            text.Append(EntityLine(_id, name => Array.IndexOf(Read, name) is var slot && slot >= 0 ? _values[slot] : null, string.Empty));
        }

        private static int? Slot(ReadOnlySpan<byte> name)
        {
            for (var i = 0; i < Read.Length; i++)
            {
                if (Ascii.Equals(name, Read[i]))
                {
                    return i;
                }
            }

            return null;
        }
    }

    // What RelationLine makes, from UTF-8 pieces (a merge's relations, written from its symbols).
    private sealed class DirectRelationLine : IRelationLine
    {
        public static readonly DirectRelationLine Instance = new();

        private static readonly Dictionary<ProvRelationKind, byte[]> Tails = ProvRelationShape.All.ToDictionary(
            s => s.Kind,
            s => Encoding.UTF8.GetBytes($" [label={Quote(s.Name)}{(s.ObjectKind == ProvElementKind.Agent ? ", style=dashed, color=\"#808080\"" : string.Empty)}];\n"));

        public void Write(LineText text, ProvRelationShape shape, ReadOnlySpan<byte> subjectHead, ReadOnlySpan<byte> subject, ReadOnlySpan<byte> objectHead, ReadOnlySpan<byte> obj, string? role, DateTimeOffset? time)
        {
            text.Append("  "u8);
            QuotedId(text, subjectHead, subject);
            text.Append(" -> "u8);
            QuotedId(text, objectHead, obj);
            if (role is null)
            {
                text.Append(Tails[shape.Kind]);
                return;
            }

            var style = shape.ObjectKind == ProvElementKind.Agent ? ", style=dashed, color=\"#808080\"" : string.Empty;
            text.Append($" [label={Quote(shape.Name + "\\n" + role)}{style}];\n");
        }

        // A qualified name as Quote makes it: between quotes as it is (a merge's local parts are sanitised: no quote,
        // backslash or new line to escape; the heads are its own prefixes).
        private static void QuotedId(LineText text, ReadOnlySpan<byte> head, ReadOnlySpan<byte> local)
        {
            text.Append("\""u8);
            text.Append(head);
            text.Append(local);
            text.Append("\""u8);
        }
    }

    private static string Label(ProvElement element) => Label(element.Id, element.Get);

    private static string Label(string id, Func<string, string?> get)
    {
        var label = get("prov:label") ?? id;
        if (get("prov:location") is { } location)
        {
            label += "\n" + Path.GetFileName(location.TrimEnd('/', '\\'));
        }

        if (get("provcap:member_count") is { } count)
        {
            label += $"\n({count} members)";
        }

        if (get("provcap:run") is { } run)
        {
            label += "\nrun " + run + (get("provcap:subrun") is { } subrun && get("provcap:calls") is null ? "." + subrun : string.Empty);
        }

        return label;
    }

    private static string Tooltip(ProvElement element) => element.Id;

    private static string Id(string id) => Quote(id);

    private static string Quote(string text)
        => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\\\\n", "\\n", StringComparison.Ordinal) + "\"";
}
