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
    public static void Write(IProvGraph graph, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        Write(graph, writer);
    }

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
        string Linked(ProvElement element) => link?.Invoke(element) is { } url ? $", URL={Quote(url)}, target=\"_top\"" : string.Empty;

        text.Write("digraph provenance {\n  rankdir=\"BT\";\n  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=8];\n");
        foreach (var entity in graph.Elements(ProvElementKind.Entity))
        {
            var collection = entity.Get("prov:type") == "prov:Collection";
            text.Write($"  {Id(entity.Id)} [label={Quote(Label(entity))}, shape=ellipse, style=filled, fillcolor=\"#FFFC87\", color=\"#808080\"{(collection ? ", peripheries=2" : string.Empty)}, tooltip={Quote(Tooltip(entity))}{Linked(entity)}];\n");
        }

        foreach (var activity in graph.Elements(ProvElementKind.Activity))
        {
            var failed = activity.Attributes.TryGetValue("provcap:status", out var statuses) && statuses.Any(s => s.Text is "failed" or "incomplete");
            text.Write($"  {Id(activity.Id)} [label={Quote(Label(activity))}, shape=box, style=filled, fillcolor=\"{(failed ? "#F4A6A6" : "#9FB1FC")}\", color=\"#0000FF\", tooltip={Quote(Tooltip(activity))}{Linked(activity)}];\n");
        }

        foreach (var agent in graph.Elements(ProvElementKind.Agent))
        {
            text.Write($"  {Id(agent.Id)} [label={Quote(Label(agent))}, shape=house, style=filled, fillcolor=\"#FED37F\", tooltip={Quote(Tooltip(agent))}{Linked(agent)}];\n");
        }

        foreach (var shape in ProvRelationShape.All)
        {
            foreach (var relation in graph.Relations(shape.Kind))
            {
                var label = shape.Name;
                if (relation.Role is not null)
                {
                    label += "\\n" + relation.Role;
                }

                // Responsibility (association, attribution, delegation) is drawn dashed: its object is an agent.
                var style = shape.ObjectKind == ProvElementKind.Agent ? ", style=dashed, color=\"#808080\"" : string.Empty;
                text.Write($"  {Id(relation.Subject)} -> {Id(relation.Object)} [label={Quote(label)}{style}];\n");
            }
        }

        text.Write("}\n");
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
