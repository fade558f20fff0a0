using Provenance.Capture.Model;

namespace Provenance.Capture.Binding;

/// <summary>A model parameter compiled against a method.</summary>
/// <param name="Description">The model's description.</param>
/// <param name="Getter">Reads the value from a call.</param>
internal sealed record BoundParameter(ParameterDescription Description, ValueGetter Getter);
