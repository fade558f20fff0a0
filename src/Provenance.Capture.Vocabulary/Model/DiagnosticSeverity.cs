namespace Provenance.Capture.Model;

/// <summary>How serious a <see cref="ModelDiagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Capture goes on; the affected activity may not be recorded.</summary>
    Warning,

    /// <summary>The model cannot be used as it is.</summary>
    Error,
}
