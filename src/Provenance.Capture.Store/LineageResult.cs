using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Store;

/// <summary>The answer to a lineage question: the nodes reached (nearest first) and the relations walked.</summary>
public sealed class LineageResult
{
    internal LineageResult(IReadOnlyList<string> start, LineageDirection direction, IReadOnlyList<LineageNode> nodes, IReadOnlyList<LineageEdge> edges, bool truncated)
    {
        Start = start;
        Direction = direction;
        Nodes = nodes;
        Edges = edges;
        Truncated = truncated;
    }

    /// <summary>The ids the walk started from (a path or hash may name several versions of a file).</summary>
    public IReadOnlyList<string> Start { get; }

    /// <summary>Which way it walked.</summary>
    public LineageDirection Direction { get; }

    /// <summary>Every node reached, the start included, in order of depth.</summary>
    public IReadOnlyList<LineageNode> Nodes { get; }

    /// <summary>The relations between them.</summary>
    public IReadOnlyList<LineageEdge> Edges { get; }

    /// <summary>True when the walk stopped at <see cref="LineageOptions.MaxNodes"/> before reaching everything.</summary>
    public bool Truncated { get; }

    /// <summary>The files reached (the start excluded), grouped by run (null: files of no run): a reprocessing list.</summary>
    /// <returns>Files by run, runs in order.</returns>
    public IReadOnlyList<IGrouping<long?, LineageNode>> EntitiesByRun()
        => [.. Nodes.Where(n => n.Kind == "entity" && n.Depth > 0).GroupBy(n => n.Run).OrderBy(g => g.Key ?? long.MaxValue)];

    /// <summary>The lineage as a PROV document: its elements with every attribute the store kept, and its relations.</summary>
    /// <returns>The document.</returns>
    public ProvDocument ToDocument()
    {
        var document = new ProvDocument();
        foreach (var node in Nodes)
        {
            var kind = node.Kind switch
            {
                "activity" => ProvElementKind.Activity,
                "agent" => ProvElementKind.Agent,
                _ => ProvElementKind.Entity,
            };
            var element = document.Element(kind, node.Id);
            element.StartTime = node.Start;
            element.EndTime = node.End;
            if (node.Attributes is { } attributes)
            {
                var table = kind switch
                {
                    ProvElementKind.Activity => StoreTables.Activities,
                    ProvElementKind.Agent => StoreTables.Agents,
                    _ => StoreTables.Entities,
                };
                attributes.AddTo(element, table);
            }
            else if (node.Kind == "agent" && node.Name is { } name)
            {
                element.Set("prov:label", new ProvLiteral(name, null));
            }
        }

        foreach (var edge in Edges)
        {
            if (ProvRelationShape.Named(edge.Kind) is { } shape)
            {
                document.Add(new ProvRelation(shape.Kind, edge.Subject, edge.Object) { Role = string.IsNullOrEmpty(edge.Role) ? null : edge.Role });
            }
        }

        return document;
    }
}
