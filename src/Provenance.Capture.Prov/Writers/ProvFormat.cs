namespace Provenance.Capture.Prov.Writers;

/// <summary>Output formats of a PROV document.</summary>
public enum ProvFormat
{
    /// <summary>W3C PROV-JSON.</summary>
    Json,

    /// <summary>W3C PROV-N.</summary>
    ProvN,

    /// <summary>Graphviz DOT.</summary>
    Dot,

    /// <summary>SVG through Graphviz.</summary>
    Svg,

    /// <summary>PDF through Graphviz.</summary>
    Pdf,
}
