using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Readers;

namespace Provenance.Capture.Prov.Merge;

/// <summary>The outcome of a merge.</summary>
public sealed class MergeResult
{
    private ProvDocument? _document;

    internal MergeResult(IProvGraph graph, IReadOnlyList<ReadProblem> problems, long skippedLines, long recordsRead, int incompleteActivities)
    {
        Graph = graph;
        Problems = problems;
        SkippedLines = skippedLines;
        RecordsRead = recordsRead;
        IncompleteActivities = incompleteActivities;
    }

    /// <summary>
    /// The merged graph, made element by element as a writer enumerates it (see
    /// <see cref="Writers.ProvOutput.Write(IProvGraph, string, Writers.ProvFormat?, bool)"/>): the way to write a large merge.
    /// Read it from one thread at a time.
    /// </summary>
    public IProvGraph Graph { get; }

    /// <summary>The merged graph as an in-memory document (built on first use).</summary>
    public ProvDocument Document => _document ??= ProvDocument.From(Graph);

    /// <summary>Lines skipped, with file and line: the first <see cref="LogReader.MaxProblemsKept"/> of them.</summary>
    public IReadOnlyList<ReadProblem> Problems { get; }

    /// <summary>Lines skipped in all (a log of garbage does not fill memory with their reasons).</summary>
    public long SkippedLines { get; }

    /// <summary>Records read.</summary>
    public long RecordsRead { get; }

    /// <summary>Activities with a start and no end (kept, marked incomplete).</summary>
    public int IncompleteActivities { get; }
}
