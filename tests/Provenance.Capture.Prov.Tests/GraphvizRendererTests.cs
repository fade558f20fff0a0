using System.Diagnostics;
using Provenance.Capture.Prov.Writers;

namespace Provenance.Capture.Prov.Tests;

/// <summary>The Graphviz renderer against the real <c>dot</c> program (.ci/run installs Graphviz).</summary>
public sealed class GraphvizRendererTests : IDisposable
{
    private const string Dot = "digraph provenance {\n  \"act:r0_to_dl1\" -> \"ent:dl1\" [label=\"used\"];\n}\n";
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-graphviz-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Graphviz_is_available_exactly_when_dot_runs()
    {
        bool runs;
        try
        {
            using var dot = Process.Start(new ProcessStartInfo("dot", "-V") { RedirectStandardError = true, RedirectStandardOutput = true })!;
            dot.WaitForExit();
            runs = dot.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            runs = false;
        }

        GraphvizRenderer.IsAvailable().ShouldBe(runs);
    }

    [Theory]
    [InlineData("svg")]
    [InlineData("pdf")]
    [InlineData("png")]
    public void A_graph_is_rendered_in_the_format_its_extension_names_into_a_folder_made_for_it(string format)
    {
        Assert.SkipUnless(GraphvizRenderer.IsAvailable(), "Graphviz is not installed (apt-get install graphviz); .ci/run installs it");
        var path = Path.Combine(_directory, "new", "folder", "graph." + format.ToUpperInvariant());

        GraphvizRenderer.Render(Dot, path);

        var head = File.ReadAllBytes(path).Take(8).ToArray();
        switch (format)
        {
            case "svg":
                File.ReadAllText(path).ShouldContain("<svg");
                File.ReadAllText(path).ShouldContain("act:r0_to_dl1");
                break;
            case "pdf":
                head.Take(4).ShouldBe("%PDF"u8.ToArray());
                break;
            default:
                head.Take(4).ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });
                break;
        }
    }

    [Fact]
    public void Broken_dot_fails_with_graphviz_s_own_words_and_the_file_it_was_for()
    {
        Assert.SkipUnless(GraphvizRenderer.IsAvailable(), "Graphviz is not installed (apt-get install graphviz); .ci/run installs it");
        var path = Path.Combine(_directory, "broken.svg");

        var error = Should.Throw<GraphvizException>(() => GraphvizRenderer.Render("digraph { -> }", path));

        error.Message.ShouldStartWith($"Graphviz dot failed for '{path}' (exit code 1): ");
        error.Message.ShouldContain("syntax error");
        Should.Throw<GraphvizException>(() => GraphvizRenderer.RenderSvg("digraph { -> }")).Message.ShouldContain("syntax error");
    }

    [Fact]
    public void An_image_format_graphviz_is_not_asked_for_is_refused_before_dot_runs()
    {
        var path = Path.Combine(_directory, "never", "graph.gif");

        Should.Throw<GraphvizException>(() => GraphvizRenderer.Render(Dot, path)).Message
            .ShouldBe($"cannot render '{path}': expected a .svg, .pdf, .png or .dot file");
        Directory.Exists(Path.Combine(_directory, "never")).ShouldBeFalse();
    }

    [Fact]
    public void A_web_view_s_svg_is_rendered_in_memory_with_its_non_ascii_labels()
    {
        Assert.SkipUnless(GraphvizRenderer.IsAvailable(), "Graphviz is not installed (apt-get install graphviz); .ci/run installs it");

        var svg = GraphvizRenderer.RenderSvg("digraph { \"rôle é\" -> \"東京\"; }");

        svg.ShouldStartWith("<?xml");
        svg.ShouldContain("rôle é");
        svg.ShouldContain("東京");
        svg.TrimEnd().ShouldEndWith("</svg>");
    }
}
