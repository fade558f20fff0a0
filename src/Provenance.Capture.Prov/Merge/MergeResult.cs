using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Readers;

namespace Provenance.Capture.Prov.Merge;

/// <summary>The outcome of a merge.</summary>
public sealed class MergeResult
{
    private ProvDocument? _document;

    internal MergeResult(IProvGraph graph, IReadOnlyList<ReadProblem> problems, long skippedLines, long recordsRead, int incompleteActivities, (int Activities, long Records) unstarted)
    {
        Graph = graph;
        Problems = problems;
        SkippedLines = skippedLines;
        RecordsRead = recordsRead;
        IncompleteActivities = incompleteActivities;
        (UnstartedActivities, UnstartedRecords) = unstarted;
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

    /// <summary>
    /// Activities whose records were read but whose start is in none of the logs merged (a log cut before it, or
    /// the log holding it not given): a call is only known from its start, so they are not in the document.
    /// </summary>
    public int UnstartedActivities { get; }

    /// <summary>The records of the <see cref="UnstartedActivities"/> (parameters, used and generated files, ends): read, and left out.</summary>
    public long UnstartedRecords { get; }
}
