using System.Text.RegularExpressions;
using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Writers;

namespace Provenance.Capture.Web;

/// <summary>Graphs drawn by Graphviz for pages: inline SVG, every node a link to its page.</summary>
internal static partial class Graphs
{
    public const string Legend = "<p class=\"legend\"><span class=\"entity\">file (entity)</span> <span class=\"collection\">several files</span> "
        + "<span class=\"activity\">activity</span> <span class=\"failed\">failed activity</span> <span class=\"agent\">agent</span></p>";

    private static readonly Lazy<bool> Available = new(GraphvizRenderer.IsAvailable);

    /// <summary>The link of an element of a lineage: its own page.</summary>
    public static string? NodeLink(ProvElement element) => Html.NodeHref(KindName(element.Kind), element.Id);

    /// <summary>The graph as inline SVG, or a paragraph saying why it cannot be drawn.</summary>
    public static string Svg(IProvGraph graph, Func<ProvElement, string?> link)
    {
        if (!Available.Value)
        {
            return $"<p class=\"error\">The graph cannot be drawn: {Html.Text(GraphvizRenderer.InstallHint)} The same lineage is offered below as PROV-JSON, PROV-N and DOT.</p>";
        }

        string svg;
        try
        {
            svg = GraphvizRenderer.RenderSvg(DotWriter.ToDot(graph, link));
        }
        catch (GraphvizException e)
        {
            return $"<p class=\"error\">The graph cannot be drawn: {Html.Text(e.Message)}</p>";
        }

        // Inline: no XML prolog, no doctype, no comments (Graphviz names each node in one).
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return "<div class=\"graph\">" + Comment().Replace(start < 0 ? svg : svg[start..], string.Empty) + "</div>";
    }

    public static string KindName(ProvElementKind kind) => kind switch
    {
        ProvElementKind.Activity => "activity",
        ProvElementKind.Agent => "agent",
        _ => "entity",
    };

    [GeneratedRegex("<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comment();
}
