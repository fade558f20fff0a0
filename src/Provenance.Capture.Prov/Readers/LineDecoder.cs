using Provenance.Capture.Prov.Symbols;

namespace Provenance.Capture.Prov.Readers;

/// <summary>
/// Decodes one line, whatever its format, by the reader of that format (CLEF bytes by
/// <see cref="ClefRecordReader"/>, LST <c>__PROV__</c> lines by <see cref="LstLineDecoder"/>) into the
/// symbols of one table: the body of every scan, on one thread or on each reading worker.
/// </summary>
internal sealed class LineDecoder(RecordSymbols symbols, bool lstFastPaths)
{
    private readonly ClefRecordReader _clef = new(symbols);
    private readonly LstLineDecoder _lst = new(symbols, lstFastPaths);

    /// <summary>The table the records' symbols belong to.</summary>
    public RecordSymbols Symbols => symbols;

    /// <summary>Decodes a line (without its newline) into <paramref name="record"/> and hands what it holds to <paramref name="sink"/>.</summary>
    public void Decode(ReadOnlySpan<byte> line, string file, long number, DecodedRecord record, ILineSink sink)
    {
        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            sink.Report(new ReadProblem(file, number, InvalidUtf8(line)));
            return;
        }

        switch (Classify(line))
        {
            case LineKind.Clef:
                var outcome = _clef.Decode(line, record, out var message);
                if (outcome == ClefRecordReader.Outcome.Record)
                {
                    sink.Take(record);
                    if (message is not null)
                    {
                        // Kept, but something in it was not usable (a time that is no time).
                        sink.Report(new ReadProblem(file, number, message));
                    }
                }
                else if (message is not null)
                {
                    var glued = Recover(line, record);
                    if (glued > 0)
                    {
                        sink.Take(record);
                        message += $"; the record glued after the cut one at byte {glued + 1} was recovered";
                    }

                    sink.Report(new ReadProblem(file, number, message));
                }

                break;
            case LineKind.Lst:
                if (_lst.Decode(line, file, number, record, out var problem) is { } decoded)
                {
                    sink.Take(decoded);
                }

                if (problem is not null)
                {
                    sink.Report(problem);
                }

                break;
            case LineKind.Other:
                sink.Report(new ReadProblem(file, number, NeitherFormat));
                break;
        }
    }

    // A process killed mid-record leaves a partial line that the next record (of a restarted job, or of
    // another process sharing the log) extends: find a record that starts inside the line and decodes
    // whole. Its offset, or 0 when there is none.
    private int Recover(ReadOnlySpan<byte> line, DecodedRecord record)
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
                && _clef.Decode(rest, record, out _) == ClefRecordReader.Outcome.Record)
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
}
