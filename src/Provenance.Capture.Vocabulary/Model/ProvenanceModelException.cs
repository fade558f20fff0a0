namespace Provenance.Capture.Model;

/// <summary>
/// A provenance model is unusable: bad YAML, a schema violation, or an expression that does not fit
/// the method it describes. Raised at start-up, never in the middle of a run.
/// </summary>
public sealed class ProvenanceModelException : Exception
{
    /// <summary>Creates the exception from the problems found (at least one).</summary>
    /// <param name="diagnostics">Every problem, each with file, line and name.</param>
    /// <param name="inner">The underlying parser exception, if any.</param>
    public ProvenanceModelException(IReadOnlyList<ModelDiagnostic> diagnostics, Exception? inner = null)
        : base(string.Join(Environment.NewLine, diagnostics), inner)
    {
        if (diagnostics.Count == 0)
        {
            throw new ArgumentException("At least one diagnostic is required.", nameof(diagnostics));
        }

        Diagnostics = diagnostics;
    }

    /// <summary>Every problem found, in model order.</summary>
    public IReadOnlyList<ModelDiagnostic> Diagnostics { get; }

    /// <summary>The first problem's model file.</summary>
    public string File => Diagnostics[0].File;

    /// <summary>The first problem's line.</summary>
    public int Line => Diagnostics[0].Line;
}
