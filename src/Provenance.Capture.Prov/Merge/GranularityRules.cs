using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Symbols;

namespace Provenance.Capture.Prov.Merge;

/// <summary>
/// What the chosen granularity decides, in one place: the merger asks which calls share an activity;
/// the graph asks whether files go into collections, which run a collection stands for and what it is
/// named, and whether an activity counts its calls. At subrun granularity everything stays as captured.
/// </summary>
internal sealed class GranularityRules(Granularity granularity, SymbolTable symbols)
{
    /// <summary>One activity per call and every file as itself: no collections, no call counts, no derivation repeated by grouping.</summary>
    public bool AsCaptured => granularity == Granularity.Subrun;

    /// <summary>Whether a collection stands for one run of its files (run granularity) rather than for the whole selection.</summary>
    public bool CollectionsPerRun => granularity == Granularity.Run;

    /// <summary>The key of the activity a call goes into: the call's id (subrun), its name and run (run; its name alone without a run), or its name (night).</summary>
    public int ActivityKey(int id, int name, int run) => granularity switch
    {
        Granularity.Subrun => id,
        Granularity.Run when run != SymbolTable.None => RunScoped(name, run),
        _ => name,
    };

    /// <summary>The symbol of a collection's id text: its label, with its run when it stands for one, made a qualified name's local part (one per label and run).</summary>
    public int CollectionKey(int label, int run)
    {
        var text = symbols.Text(label)!;
        return symbols.Intern(QualifiedNames.LocalPart(run == SymbolTable.None ? text : text + "_run" + symbols.Text(run)));
    }

    // "name_run01618": an activity's key at run granularity (a collection's is its label so scoped, made a local part).
    private int RunScoped(int name, int run)
    {
        var text = symbols.Bytes(name);
        var number = symbols.Bytes(run);
        Span<byte> key = stackalloc byte[text.Length + number.Length + 4];
        text.CopyTo(key);
        "_run"u8.CopyTo(key[text.Length..]);
        number.CopyTo(key[(text.Length + 4)..]);
        return symbols.Intern(key);
    }
}
