using System.Runtime.InteropServices;
using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Merge;

namespace Provenance.Capture.Store;

/// <summary>
/// The relations' rows of a merged graph made from its symbols (<see cref="MergedGraph.RelationsTo"/>): a node
/// is known by its head and local part's symbol, so its id string is made and numbered once, not once per relation;
/// roles and times are made into text once each. The rows equal those made from <see cref="IProvGraph.Relations"/>
/// (the tests compare the two).
/// </summary>
internal sealed class RelationRows(MergedGraph graph, RowPipe rows) : IRelationSink
{
    private readonly Dictionary<long, (string Id, int Number)> _nodes = [];
    private readonly List<byte[]> _heads = [];
    private readonly Dictionary<int, string> _roles = [];
    private ProvRelationShape? _shape;
    private int _kind;
    private (DateTimeOffset? At, string? Text) _time;

    public void Add(ProvRelationShape shape, byte[] subjectHead, int subject, byte[] objectHead, int @object, int role, DateTimeOffset? time)
    {
        if (!ReferenceEquals(shape, _shape))
        {
            (_shape, _kind) = (shape, RelationKinds.Code(shape.Name));
        }

        Node(subjectHead, subject);
        rows.Number(_kind);
        Node(objectHead, @object);
        rows.Text(Role(role)).Text(Time(time)).EndRow();
    }

    private void Node(byte[] head, int local)
    {
        ref var node = ref CollectionsMarshal.GetValueRefOrAddDefault(_nodes, ((long)Head(head) << 32) | (uint)local, out var known);
        if (!known)
        {
            // Numbered by its text: two heads and local parts that spell one id are one node.
            var id = graph.QualifiedId(head, local);
            node = (id, rows.NumberOf(id));
        }

        rows.Node(node.Id, node.Number);
    }

    // A head's index among the few seen (ent:, act:, agent:, agent:session_).
    private int Head(byte[] head)
    {
        for (var i = 0; i < _heads.Count; i++)
        {
            if (ReferenceEquals(_heads[i], head))
            {
                return i;
            }
        }

        _heads.Add(head);
        return _heads.Count - 1;
    }

    private string Role(int role)
    {
        ref var text = ref CollectionsMarshal.GetValueRefOrAddDefault(_roles, role, out var known);
        if (!known)
        {
            text = graph.SymbolText(role) ?? string.Empty;
        }

        return text!;
    }

    // The relations of one activity share its end's time: made into text (UTC) once for them.
    private string? Time(DateTimeOffset? time)
    {
        if (time != _time.At)
        {
            _time = (time, StoreTime.Format(time));
        }

        return _time.Text;
    }
}
