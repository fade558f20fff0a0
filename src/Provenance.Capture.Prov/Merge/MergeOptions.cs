using Provenance.Capture.Model;

namespace Provenance.Capture.Prov.Merge;

/// <summary>What to merge and how.</summary>
public sealed class MergeOptions
{
    /// <summary>Target granularity. Default: subrun.</summary>
    public Granularity Granularity { get; set; } = Granularity.Subrun;

    /// <summary>Keep only these session tags (empty: all).</summary>
    public ISet<string> SessionTags { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Keep only these runs (numbers compare as numbers: 01618 is 1618).</summary>
    public ISet<string> Runs { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Keep only these subruns.</summary>
    public ISet<string> Subruns { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Keep only these activity names.</summary>
    public ISet<string> Activities { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Keep activities starting at or after this time.</summary>
    public DateTimeOffset? From { get; set; }

    /// <summary>Keep activities starting before this time.</summary>
    public DateTimeOffset? To { get; set; }

    /// <summary>At run or night granularity, also write <c>hadMember</c> links from collections to each file.</summary>
    public bool IncludeMembers { get; set; }

    /// <summary>
    /// The provenance model, whose entities' <c>collection:</c> say which per-subrun files become which
    /// collection. Without it, the <c>collection</c> field capture wrote on entity records is used.
    /// </summary>
    public ProvenanceModel? Model { get; set; }

    /// <summary>
    /// How many threads decode the logs' lines (default: <see cref="Readers.LogReader.DefaultThreads"/>; 1 reads on the calling thread
    /// alone). The merged document does not depend on it.
    /// </summary>
    public int ReadThreads { get; set; } = Readers.LogReader.DefaultThreads;

    /// <summary>Lines a batch of the scan on several threads holds at most (<see cref="Readers.LogReader.BatchLines"/>); fewer only in tests.</summary>
    internal int BatchLines { get; set; } = Readers.ParallelScan.BatchLines;

    /// <summary>Symbols a decoding worker's table holds before it starts a new one (<see cref="Readers.LogReader.WorkerSymbolLimit"/>); fewer only in tests.</summary>
    internal int WorkerSymbolLimit { get; set; } = Readers.ParallelScan.WorkerSymbolLimit;

    /// <summary>Whether LST lines may take the reader's fast ways; off only to test that they give the same document.</summary>
    internal bool LstFastPaths { get; set; } = true;
}
