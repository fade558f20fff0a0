using System.Text;
using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Symbols;
using Provenance.Capture.Prov.Writers;

namespace Provenance.Capture.Prov.Merge;

/// <summary>
/// Where <see cref="MergedGraph.RelationsTo"/> hands each relation: its shape, its two ids as a head (one of
/// a few arrays, <c>ent:</c>, <c>act:</c>…, compared by reference) and a local part's symbol, a role's symbol
/// and a time. The same relations, in the same order, as <see cref="MergedGraph.Relations"/> gives, without a
/// string or a relation object per relation: the store's ingest makes its rows so.
/// </summary>
internal interface IRelationSink
{
    void Add(ProvRelationShape shape, byte[] subjectHead, int subject, byte[] objectHead, int @object, int role, DateTimeOffset? time);
}

/// <summary>The merged graph's relations for a sink (<see cref="IRelationSink"/>), and the texts of their symbols.</summary>
internal sealed partial class MergedGraph
{
    /// <summary>Every relation, kind after kind in <see cref="ProvRelationShape.All"/>'s order, or those of one kind.</summary>
    /// <param name="sink">Takes each relation.</param>
    /// <param name="only">The one kind wanted; null: all.</param>
    /// <returns>How many relations were handed over.</returns>
    internal int RelationsTo(IRelationSink sink, ProvRelationKind? only = null)
        => WriteRelations(only, names => new SinkRelations(sink, names.Shape), () => { });

    /// <summary>
    /// Every entity, in the order and with the attributes <see cref="Elements"/> gives: a file from the symbols through
    /// <paramref name="output"/> (in ordinal order of its attributes' names, as its element lists them), a collection as its element.
    /// </summary>
    /// <returns>How many entities there were.</returns>
    internal int EntitiesTo(EntityOutput output, Action<ProvElement> collection) => WriteEntities(EntityEntries(), output, collection);

    // The entities of these entries: a file from the symbols through output, a collection as its element.
    private int WriteEntities(List<(int Key, int Node)> entries, EntityOutput output, Action<ProvElement> collection)
    {
        foreach (var (key, node) in entries)
        {
            if (node >= 0)
            {
                WriteEntity(output, key, node);
            }
            else
            {
                collection(CollectionElement(LocalId("ent:", key), _collections[~node]));
            }
        }

        return entries.Count;
    }

    /// <summary>
    /// Every activity, in the order <see cref="Elements"/> gives them: its id, times and the attributes its element
    /// would have, kept as the calls that set them (one <see cref="DirectAttributes"/>, cleared for the next).
    /// </summary>
    /// <returns>How many activities there were.</returns>
    internal int ActivitiesTo(Action<string, DateTimeOffset?, DateTimeOffset?, DirectAttributes> activity)
    {
        var entries = ActivityEntries();
        var attributes = new DirectAttributes();
        foreach (var (key, group) in entries)
        {
            attributes.Clear();
            ActivityAttributes(attributes, group);
            activity(LocalId("act:", key), _all[group].Start, _all[group].End, attributes);
        }

        return entries.Count;
    }

    /// <summary>The id a head and a local part's symbol make (what <see cref="Relations"/> names the node).</summary>
    internal string QualifiedId(byte[] head, int local)
        => string.Create(head.Length + _symbols.Bytes(local).Length, (head, local, _symbols), static (chars, state) =>
        {
            Encoding.ASCII.GetChars(state.head, chars);
            Encoding.ASCII.GetChars(state._symbols.Bytes(state.local), chars[state.head.Length..]);
        });

    /// <summary>A symbol's text (a role's), null for none.</summary>
    internal string? SymbolText(int symbol) => _symbols.Text(symbol);

    private sealed class SinkRelations(IRelationSink sink, ProvRelationShape shape) : RelationOutput
    {
        public override void Add(byte[] subjectHead, int subject, byte[] objectHead, int @object, int role = SymbolTable.None, DateTimeOffset? time = null)
        {
            Count++;
            sink.Add(shape, subjectHead, subject, objectHead, @object, role, time);
        }
    }
}
