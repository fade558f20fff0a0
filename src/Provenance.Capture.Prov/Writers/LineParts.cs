using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Prov.Writers;

/// <summary>
/// The text formats made of a line per element and relation (PROV-N, DOT): a header, the entities, the
/// activities, the agents, the relations kind by kind in <see cref="ProvRelationShape.All"/>'s order, a
/// footer. A merge's three parts (<see cref="IGraphParts"/>) are formatted on three threads at once and
/// written in order; the file is written on a thread of its own.
/// </summary>
internal static class LineParts
{
    /// <summary>Writes a document to a file.</summary>
    /// <returns>How many elements and relations were written.</returns>
    public static ProvCounts Write(
        IProvGraph graph, string path, string header, string footer,
        Func<ProvElement, string> entity, Func<ProvElement, string> activity, Func<ProvElement, string> agent, Func<ProvRelation, string> relation,
        IRelationLine relationLine, Func<LineText, EntityOutput> entityLine)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1);
        using var pump = new StreamPump(stream);
        var text = new LineText(pump.Take);
        text.Append(header);
        ProvCounts counts;
        if (graph is IGraphParts own)
        {
            var parts = own.Parts();
            counts = PartWriter.Write<LineText>(
                [
                    part => new ProvCounts(parts.EntityLines(entityLine(part), e => part.Append(entity(e))), 0, 0, 0),
                    part => new ProvCounts(0, Each(parts.Activities, activity, part.Append), Each(parts.Agents, agent, part.Append), 0),
                    part => new ProvCounts(0, 0, 0, parts.RelationLines(part, relationLine)),
                ],
                text,
                sink => new LineText(sink),
                part => part.Flush(),
                pump);
        }
        else
        {
            counts = Lines(graph.Elements(ProvElementKind.Entity), graph.Elements(ProvElementKind.Activity), graph.Elements(ProvElementKind.Agent), graph.Relations, entity, activity, agent, relation, text.Append);
        }

        text.Append(footer);
        text.Flush();
        pump.Finish();
        return counts;
    }

    /// <summary>Every line of the elements and relations, in order, to <paramref name="emit"/>.</summary>
    /// <returns>How many elements and relations there were.</returns>
    public static ProvCounts Lines(
        IEnumerable<ProvElement> entities, IEnumerable<ProvElement> activities, IEnumerable<ProvElement> agents, Func<ProvRelationKind, IEnumerable<ProvRelation>> relations,
        Func<ProvElement, string> entity, Func<ProvElement, string> activity, Func<ProvElement, string> agent, Func<ProvRelation, string> relation, Action<string> emit)
        => new(Each(entities, entity, emit), Each(activities, activity, emit), Each(agents, agent, emit), Relations(relations, relation, emit));

    private static int Relations(Func<ProvRelationKind, IEnumerable<ProvRelation>> relations, Func<ProvRelation, string> line, Action<string> emit)
        => ProvRelationShape.All.Sum(shape => Each(relations(shape.Kind), line, emit));

    private static int Each<T>(IEnumerable<T> items, Func<T, string> line, Action<string> emit)
    {
        var count = 0;
        foreach (var item in items)
        {
            emit(line(item));
            count++;
        }

        return count;
    }
}
