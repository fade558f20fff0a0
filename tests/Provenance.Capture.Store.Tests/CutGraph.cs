using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Store.Tests;

/// <summary>
/// A graph of many files each used by an activity of its own, whose relations stop with an error part way,
/// as a reader that meets a broken input while the store is being written: enough rows that the rows made
/// run ahead of those written.
/// </summary>
internal sealed class CutGraph(int files, int relationsBeforeTheCut) : IProvGraph
{
    public IReadOnlyDictionary<string, string> Prefixes { get; } = ProvDocument.StandardPrefixes;

    public IEnumerable<ProvElement> Elements(ProvElementKind kind)
    {
        for (var i = 0; i < files; i++)
        {
            var element = new ProvElement(kind, $"{Prefix(kind)}:{i:D7}");
            element.Set("prov:label", new ProvLiteral(kind == ProvElementKind.Activity ? "r0_to_dl1" : "DL1SubrunDataset", null));
            element.Set("prov:location", new ProvLiteral($"/fefs/DL1/dl1_LST-1.Run{i:D5}.h5", null));
            yield return element;
        }
    }

    public IEnumerable<ProvRelation> Relations(ProvRelationKind kind)
    {
        if (kind != ProvRelationKind.Used)
        {
            yield break;
        }

        for (var i = 0; i < files; i++)
        {
            if (i == relationsBeforeTheCut)
            {
                throw new InvalidDataException($"cut after {i} relations");
            }

            yield return new ProvRelation(kind, $"act:{i:D7}", $"ent:{i:D7}") { Role = "input" };
        }
    }

    private static string Prefix(ProvElementKind kind) => kind switch
    {
        ProvElementKind.Entity => "ent",
        ProvElementKind.Activity => "act",
        _ => "agent",
    };
}
