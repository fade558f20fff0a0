using System.IO.Compression;
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
    /// The one reader seam: every line of every file is decoded by the reader of its format (CLEF bytes by
    /// <see cref="ClefRecordReader"/>, LST <c>__PROV__</c> lines by <see cref="LstProvReader"/>) into one
    /// <see cref="DecodedRecord"/>, reused from line to line, and handed to <paramref name="consumer"/>;
    /// problems are collected in <see cref="Problems"/>, reading going on past each.
    /// </summary>
    internal void Scan(IEnumerable<string> files, RecordSymbols symbols, IRecordConsumer consumer)
    {
        var record = new DecodedRecord();
        var clef = new ClefRecordReader(symbols);
        var lst = new LstLineDecoder(symbols, LstFastPaths);
        foreach (var file in files)
        {
            foreach (var (memory, number) in Lines(file))
            {
                var line = memory.Span;
                if (!System.Text.Unicode.Utf8.IsValid(line))
                {
                    Report(new ReadProblem(file, number, InvalidUtf8(line)));
                    continue;
                }

                switch (Classify(line))
                {
                    case LineKind.Clef:
                        var outcome = clef.Decode(line, record, out var message);
                        if (outcome == ClefRecordReader.Outcome.Record)
                        {
                            consumer.Take(record);
                            if (message is not null)
                            {
                                // Kept, but something in it was not usable (a time that is no time).
                                Report(new ReadProblem(file, number, message));
                            }
                        }
                        else if (message is not null)
                        {
                            var glued = Recover(line, clef, record);
                            if (glued > 0)
                            {
                                consumer.Take(record);
                                message += $"; the record glued after the cut one at byte {glued + 1} was recovered";
                            }

                            Report(new ReadProblem(file, number, message));
                        }

                        break;
                    case LineKind.Lst:
                        if (lst.Decode(line, file, number, record, out var problem) is { } decoded)
                        {
                            consumer.Take(decoded);
                        }

                        Report(problem);
                        break;
                    case LineKind.Other:
                        Report(new ReadProblem(file, number, NeitherFormat));
                        break;
                }
            }
        }
    }

    // The lines of a file (without the newline, a Windows carriage return and a leading byte-order mark)
    // and their numbers; a line too long to hold is reported and passed over.
    private IEnumerable<(ReadOnlyMemory<byte> Line, long Number)> Lines(string file)
    {
        using var stream = Open(file);
        long number = 0;
        foreach (var (line, tooLong) in new Utf8LineReader(stream, MaxLineBytes))
        {
            LinesRead++;
            number++;
            if (tooLong)
            {
                Report(new ReadProblem(file, number, TooLong));
                continue;
            }

            var memory = number == 1 && line.Span.StartsWith(ByteOrderMark) ? line[ByteOrderMark.Length..] : line;
            yield return (memory[..memory.Span.TrimEnd((byte)'\r').Length], number);
        }
    }

    private static readonly string TooLong = $"line of {MaxLineBytes >> 20} MiB or more: skipped without reading it whole";

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    // A process killed mid-record leaves a partial line that the next record (of a restarted job, or of
    // another process sharing the log) extends: find a record that starts inside the line and decodes
    // whole. Its offset, or 0 when there is none.
    private static int Recover(ReadOnlySpan<byte> line, ClefRecordReader clef, DecodedRecord record)
    {
        for (var offset = 1; offset < line.Length; offset++)
        {
            var next = line[offset..].IndexOf((byte)'{');
            if (next < 0)
            {
                return 0;
            }

            offset += next;
            var rest = line[offset..];
            if ((rest.StartsWith("{\"@t\":"u8) || rest.StartsWith("{\"prov_kind\":"u8))
                && clef.Decode(rest, record, out _) == ClefRecordReader.Outcome.Record)
            {
                return offset;
            }
        }

        return 0;
    }

    // Where the first byte that is not UTF-8 is, 1-based as editors count columns of bytes.
    private static string InvalidUtf8(ReadOnlySpan<byte> line)
    {
        var offset = 0;
        while (offset < line.Length && System.Text.Rune.DecodeFromUtf8(line[offset..], out _, out var used) == System.Buffers.OperationStatus.Done)
        {
            offset += used;
        }

        return $"not valid UTF-8 (byte 0x{(offset < line.Length ? line[offset] : 0):X2} at byte {offset + 1} of the line)";
    }

    private const string NeitherFormat = "neither a CLEF JSON object nor an LST __PROV__ line";

    private enum LineKind
    {
        Empty,
        Clef,
        Lst,
        Other,
    }

    private static LineKind Classify(ReadOnlySpan<byte> line)
    {
        var trimmed = line.TrimStart(" \t"u8);
        return trimmed.IsEmpty ? LineKind.Empty
            : trimmed[0] == (byte)'{' ? LineKind.Clef
            : line.IndexOf(LstProvReader.PrefixUtf8) >= 0 ? LineKind.Lst
            : LineKind.Other;
    }

    private void Report(ReadProblem? problem)
    {
        if (problem is not null)
        {
            if (++ProblemCount <= MaxProblemsKept)
            {
                _problems.Add(problem);
            }

            OnProblem?.Invoke(problem);
        }
    }

    private static Stream Open(string file)
    {
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        return file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }
}
