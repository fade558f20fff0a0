using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Store;

/// <summary>Everything the store knows of one node: the element with all its PROV attributes, where it was read, and its relations.</summary>
public sealed class NodeDetails
{
    internal NodeDetails(ProvElement element, long? run, long? subrun, string source, string? project, IReadOnlyList<NodeRelation> relations, bool moreRelations)
    {
        (Element, Run, Subrun, Source, Project, Relations, MoreRelations) = (element, run, subrun, source, project, relations, moreRelations);
    }

    /// <summary>Its PROV id.</summary>
    public string Id => Element.Id;

    /// <summary><c>entity</c>, <c>activity</c> or <c>agent</c>.</summary>
    public string Kind => Element.Kind switch
    {
        ProvElementKind.Activity => "activity",
        ProvElementKind.Agent => "agent",
        _ => "entity",
    };

    /// <summary>The element, with every attribute the store kept (and an activity's start and end).</summary>
    public ProvElement Element { get; }

    /// <summary>The run: the activity's, or the run of the activity that made the file (else of one that used it).</summary>
    public long? Run { get; }

    /// <summary>The subrun, likewise.</summary>
    public long? Subrun { get; }

    /// <summary>The file the store read the element from.</summary>
    public string Source { get; }

    /// <summary>The project of that document; null when it has none.</summary>
    public string? Project { get; }

    /// <summary>Its relations, both ways (at most 200 each way, in the store's order): those it is the subject of first, then those it is the object of.</summary>
    public IReadOnlyList<NodeRelation> Relations { get; }

    /// <summary>True when the node has more relations than <see cref="Relations"/> holds (a calibration file used by a whole night).</summary>
    public bool MoreRelations { get; }
}
