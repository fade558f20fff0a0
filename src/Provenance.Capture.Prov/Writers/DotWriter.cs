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
        => LineParts.Write(graph, path, Header, "}\n", e => EntityLine(e, null), a => ActivityLine(a, null), a => AgentLine(a, null), RelationLine, DirectRelationLine.Instance);

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

    private static string EntityLine(ProvElement entity, Func<ProvElement, string?>? link)
    {
        var collection = entity.Get("prov:type") == "prov:Collection";
        return $"  {Id(entity.Id)} [label={Quote(Label(entity))}, shape=ellipse, style=filled, fillcolor=\"#FFFC87\", color=\"#808080\"{(collection ? ", peripheries=2" : string.Empty)}, tooltip={Quote(Tooltip(entity))}{Linked(entity, link)}];\n";
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

        // A qualified name as Quote makes it: as it is between quotes unless it holds a character Quote changes.
        private static void QuotedId(LineText text, ReadOnlySpan<byte> head, ReadOnlySpan<byte> local)
        {
            if (head.IndexOfAny("\\\"\n"u8) >= 0 || local.IndexOfAny("\\\"\n"u8) >= 0)
            {
                text.Append(Quote(Encoding.UTF8.GetString(head) + Encoding.UTF8.GetString(local)));
                return;
            }

            text.Append("\""u8);
            text.Append(head);
            text.Append(local);
            text.Append("\""u8);
        }
    }

    private static string Label(ProvElement element)
    {
        var label = element.Get("prov:label") ?? element.Id;
        if (element.Get("prov:location") is { } location)
        {
            label += "\n" + Path.GetFileName(location.TrimEnd('/', '\\'));
        }

        if (element.Get("provcap:member_count") is { } count)
        {
            label += $"\n({count} members)";
        }

        if (element.Get("provcap:run") is { } run)
        {
            label += "\nrun " + run + (element.Get("provcap:subrun") is { } subrun && element.Get("provcap:calls") is null ? "." + subrun : string.Empty);
        }

        return label;
    }

    private static string Tooltip(ProvElement element) => element.Id;

    private static string Id(string id) => Quote(id);

    private static string Quote(string text)
        => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\\\\n", "\\n", StringComparison.Ordinal) + "\"";
}
