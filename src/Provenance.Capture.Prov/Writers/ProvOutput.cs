using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Prov.Writers;

/// <summary>Writes a document in the format a file name asks for.</summary>
public static class ProvOutput
{
    /// <summary>The format a file name implies: <c>.json</c>, <c>.provn</c>, <c>.dot</c>, <c>.svg</c>, <c>.pdf</c>.</summary>
    /// <param name="path">The file name.</param>
    /// <returns>The format.</returns>
    /// <exception cref="ArgumentException">The extension is none of those.</exception>
    public static ProvFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" => ProvFormat.Json,
        ".provn" or ".pn" => ProvFormat.ProvN,
        ".dot" or ".gv" => ProvFormat.Dot,
        ".svg" => ProvFormat.Svg,
        ".pdf" => ProvFormat.Pdf,
        var other => throw new ArgumentException($"cannot tell the format of '{path}' from '{other}': expected .json, .provn, .dot, .svg or .pdf (or give --format)", nameof(path)),
    };

    /// <summary>Writes a document (or a merge's graph, element by element).</summary>
    /// <param name="graph">The document.</param>
    /// <param name="path">The output file.</param>
    /// <param name="format">The format; null to infer it from the file name.</param>
    /// <param name="compact">PROV-JSON without indentation: about a fifth smaller (large documents).</param>
    /// <returns>How many elements and relations were written.</returns>
    /// <exception cref="GraphvizException">SVG/PDF asked for without Graphviz.</exception>
    public static ProvCounts Write(IProvGraph graph, string path, ProvFormat? format = null, bool compact = false)
    {
        var chosen = format ?? FormatOf(path);
        switch (chosen)
        {
            // The text writers count as they go, and write a merge's parts on several threads (faster than reading ahead).
            case ProvFormat.Json:
                return ProvJsonWriter.WriteCounted(graph, path, indented: !compact);
            case ProvFormat.ProvN:
                return ProvNWriter.WriteCounted(graph, path);
            case ProvFormat.Dot:
                return DotWriter.WriteCounted(graph, path);
        }

        // A document's elements exist already; a merge's are made as they are asked for: only those are made ahead.
        var source = graph is ProvDocument ? graph : new ReadAheadGraph(graph);
        return ProvCounts.While(source, counted => GraphvizRenderer.Render(DotWriter.ToDot(counted), path));
    }
}
