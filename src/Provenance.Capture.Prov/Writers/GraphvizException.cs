namespace Provenance.Capture.Prov.Writers;

/// <summary>Graphviz is not installed, or failed.</summary>
public sealed class GraphvizException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="inner">The cause.</param>
    public GraphvizException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
