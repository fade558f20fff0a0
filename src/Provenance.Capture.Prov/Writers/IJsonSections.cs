using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Prov.Writers;

/// <summary>
/// A graph that writes its own PROV-JSON sections, straight from what it holds (a merge, from its symbols'
/// bytes), instead of handing out elements and relations for the writer to format. The text must be the
/// same as <see cref="ProvJsonWriter"/> makes of <see cref="IProvGraph.Elements"/> and <see cref="IProvGraph.Relations"/>.
/// </summary>
internal interface IJsonSections
{
    /// <summary>Writes the sections after the prefixes (entity, activity, agent, then the relations in <see cref="ProvRelationShape.All"/>'s order), each only if it has something.</summary>
    /// <param name="json">The document's text, inside its root object.</param>
    /// <returns>How many elements and relations were written.</returns>
    ProvCounts WriteSections(JsonText json);
}
