using Provenance.Capture.Model;

namespace Provenance.Capture.Binding;

/// <summary>A model usage or generation compiled against a method.</summary>
/// <param name="Description">The model's description.</param>
/// <param name="Entity">The entity kind.</param>
/// <param name="Getter">Reads the location(s) from a call.</param>
internal sealed record BoundRole(EntityRoleDescription Description, EntityDescription Entity, ValueGetter Getter);
