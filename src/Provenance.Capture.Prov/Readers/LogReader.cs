using Provenance.Capture.Prov.Symbols;

namespace Provenance.Capture.Prov.Readers;

/// <summary>
/// Streams the records of many log files (CLEF, LST <c>__PROV__</c> lines, or both mixed; plain or
/// gzip-compressed), one line at a time: memory does not grow with the log size.
/// </summary>
public sealed class LogReader
{
    /// <summary>Lines of this many bytes (64 MiB) or more are skipped as a problem, without being held in memory.</summary>
    public const int MaxLineBytes = 64 << 20;

    /// <summary>How many problems are kept with their file, line and reason (1,000); beyond, they are only counted.</summary>
    public const int MaxProblemsKept = 1000;

    private readonly List<ReadProblem> _problems = [];

    /// <summary>The first <see cref="MaxProblemsKept"/> lines that could not be used, with file and line; reading went on past each.</summary>
    public IReadOnlyList<ReadProblem> Problems => _problems;

    /// <summary>Lines that could not be used, all counted (<see cref="Problems"/> keeps the first of them).</summary>
    public long ProblemCount { get; private set; }

    /// <summary>Lines read in all.</summary>
    public long LinesRead { get; private set; }

    /// <summary>Whether LST lines may take the fast ways (see <see cref="LstLineDecoder"/>); off only to test that they give the same records.</summary>
    internal bool LstFastPaths { get; init; } = true;

    /// <summary>Lines a batch of the scan on several threads holds at most; fewer only in tests.</summary>
    internal int BatchLines { get; init; } = ParallelScan.BatchLines;

    /// <summary>Symbols a decoding worker's table holds before the worker starts a new one; fewer only in tests.</summary>
    internal int WorkerSymbolLimit { get; init; } = ParallelScan.WorkerSymbolLimit;

    /// <summary>Called for each problem as it is found (for progress reporting).</summary>
    public Action<ReadProblem>? OnProblem { get; set; }

    /// <summary>Expands patterns (<c>logs/*.log</c>, <c>logs/**/prov*.log.gz</c>) into existing files, sorted.</summary>
    /// <param name="patterns">Paths or patterns with <c>*</c> and <c>?</c> in the file name.</param>
    /// <returns>The files.</returns>
    /// <exception cref="FileNotFoundException">A plain path does not exist, or a pattern matches nothing.</exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> patterns)
    {
        var files = new List<string>();
        foreach (var pattern in patterns)
        {
            if (pattern.IndexOfAny(['*', '?']) < 0)
            {
                if (!File.Exists(pattern))
                {
                    throw new FileNotFoundException($"log file '{pattern}' does not exist", pattern);
                }

                files.Add(Path.GetFullPath(pattern));
                continue;
            }

            var directory = Path.GetDirectoryName(pattern);
            var recursive = directory is not null && directory.EndsWith("**", StringComparison.Ordinal);
            if (recursive)
            {
                directory = Path.GetDirectoryName(directory);
            }

            directory = string.IsNullOrEmpty(directory) ? "." : directory;
            var matches = Directory.Exists(directory)
                ? Directory.GetFiles(directory, Path.GetFileName(pattern), recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
                : [];
            if (matches.Length == 0)
            {
                throw new FileNotFoundException($"no log file matches '{pattern}'", pattern);
            }

            Array.Sort(matches, StringComparer.Ordinal);
            files.AddRange(matches.Select(Path.GetFullPath));
        }

        return files.Distinct().ToList();
    }

    /// <summary>
    /// How many threads decode lines (default: one per processor, up to four). With more than one, a splitting thread
    /// cuts the files into batches of lines, that many workers decode them, each into a table of its own,
    /// and the calling thread hands the records on in the files' order, in its own symbols
    /// (<see cref="ParallelScan"/>): the consumer sees what one thread would have given it.
    /// </summary>
    public int Threads { get; init; } = DefaultThreads;

    /// <summary>One decoding thread per processor, up to four: past that, the merge thread that takes the records is the limit.</summary>
    public static int DefaultThreads => Math.Min(Environment.ProcessorCount, 4);

    /// <summary>
    /// The one reader seam: every line of every file is decoded by the reader of its format (CLEF bytes by
    /// <see cref="ClefRecordReader"/>, LST <c>__PROV__</c> lines by <see cref="LstProvReader"/>; see
    /// <see cref="LineDecoder"/>) into one <see cref="DecodedRecord"/>, reused from line to line, and handed
    /// to <paramref name="consumer"/> on the calling thread, in the files' order; problems are collected in
    /// <see cref="Problems"/>, reading going on past each.
    /// </summary>
    internal void Scan(IEnumerable<string> files, RecordSymbols symbols, IRecordConsumer consumer)
    {
        if (Threads > 1)
        {
            ParallelScan.Run(this, files, symbols, consumer, Threads);
            return;
        }

        var record = new DecodedRecord();
        var decoder = new LineDecoder(symbols, LstFastPaths);
        var sink = new DirectSink(this, consumer);
        foreach (var file in files)
        {
            foreach (var (line, number, tooLong) in Lines(file))
            {
                if (tooLong)
                {
                    Report(TooLongLine(file, number));
                    continue;
                }

                decoder.Decode(line.Span, file, number, record, sink);
            }
        }
    }

    /// <summary>
    /// The lines of a file (without the newline, a Windows carriage return and a leading byte-order mark)
    /// and their numbers; a line too long to hold comes empty, marked (see <see cref="TooLongLine"/>). A line
    /// is valid until the next is asked for.
    /// </summary>
    internal IEnumerable<(ReadOnlyMemory<byte> Line, long Number, bool TooLong)> Lines(string file)
    {
        using var stream = Open(file);
        long number = 0;
        foreach (var (line, tooLong) in new Utf8LineReader(stream, MaxLineBytes))
        {
            LinesRead++;
            number++;
            if (tooLong)
            {
                yield return (default, number, true);
                continue;
            }

            var memory = number == 1 && line.Span.StartsWith(ByteOrderMark) ? line[ByteOrderMark.Length..] : line;
            yield return (memory[..memory.Span.TrimEnd((byte)'\r').Length], number, false);
        }
    }

    /// <summary>The problem of a line of <see cref="MaxLineBytes"/> or more.</summary>
    internal static ReadProblem TooLongLine(string file, long number) => new(file, number, TooLong);

    private static readonly string TooLong = $"line of {MaxLineBytes >> 20} MiB or more: skipped without reading it whole";

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    // The sink of a scan on one thread: records to the consumer, problems to the list, at once.
    private sealed class DirectSink(LogReader reader, IRecordConsumer consumer) : ILineSink
    {
        public void Take(DecodedRecord record) => consumer.Take(record);

        public void Report(ReadProblem problem) => reader.Report(problem);
    }

    /// <summary>Counts a problem, keeps it among the first <see cref="MaxProblemsKept"/>, and tells <see cref="OnProblem"/>.</summary>
    internal void Report(ReadProblem problem)
    {
        if (++ProblemCount <= MaxProblemsKept)
        {
            _problems.Add(problem);
        }

        OnProblem?.Invoke(problem);
    }

    private static Stream Open(string file)
    {
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        return Decompressed.Of(stream, file);
    }
}
