using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Prov.Writers;

/// <summary>
/// A graph that writes its own PROV-JSON sections, straight from what it holds (a merge, from its symbols'
/// bytes), instead of handing out elements and relations for the writer to format. The text must be the
/// same as <see cref="ProvJsonWriter"/> makes of <see cref="IProvGraph.Elements"/> and <see cref="IProvGraph.Relations"/>.
/// </summary>
internal interface IJsonSections
{
    /// <summary>
    /// The writers of the sections after the prefixes (entity, activity, agent, then the relations in
    /// <see cref="ProvRelationShape.All"/>'s order, each only if it has something), in order, split into
    /// parts that may run at once on different threads, each into a text of its own; calling this
    /// prepares them (on the calling thread).
    /// </summary>
    /// <returns>Each part: writes into a text inside the document's root object, returns what it wrote.</returns>
    IReadOnlyList<Func<JsonText, ProvCounts>> JsonParts();
}
