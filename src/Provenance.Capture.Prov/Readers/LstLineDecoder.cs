using System.Text;
using Provenance.Capture.Prov.Symbols;
using Provenance.Capture.Records;

namespace Provenance.Capture.Prov.Readers;

/// <summary>
/// Decodes LST <c>__PROV__</c> lines (see <see cref="LstProvReader"/>) for the reader seam, three ways,
/// the first that applies: a session line whose dict is byte for byte one of the last few decoded
/// (lstosa writes its session block, about 30 KB, again before every call) is handed as decoded then,
/// with this line's time where the dict has none; a flat record goes the byte-level way
/// (<see cref="LstFlatDecoder"/>); any other line is parsed in full, sharing the nested blocks and
/// short strings earlier lines held (<see cref="LiteralCache"/>). The three give the same records.
/// </summary>
internal sealed class LstLineDecoder(RecordSymbols symbols, bool fastPaths = true)
{
    // Jobs sharing a log interleave their sessions: a few are remembered, the oldest replaced.
    private const int Remembered = 4;

    private readonly Session?[] _sessions = new Session?[Remembered];
    private readonly LiteralCache? _cache = fastPaths ? new() : null;
    private readonly LstFlatDecoder _flat = new(symbols);
    private int _next;

    /// <summary>Decodes one line (valid UTF-8 holding the prefix).</summary>
    /// <param name="line">The line.</param>
    /// <param name="file">Its file.</param>
    /// <param name="number">Its number.</param>
    /// <param name="record">Filled with the record, unless a remembered one is handed.</param>
    /// <param name="problem">Why the line is unusable, or what in it was, if anything.</param>
    /// <returns>The record to hand on (<paramref name="record"/> or a remembered session), or null.</returns>
    public DecodedRecord? Decode(ReadOnlySpan<byte> line, string file, long number, DecodedRecord record, out ReadProblem? problem)
    {
        problem = null;
        var located = Locate(line, out var time, out var dict);
        if (located && fastPaths)
        {
            foreach (var session in _sessions)
            {
                if (session is not null && line[dict..].SequenceEqual(session.Dict) && session.At(line[time]) is { } known)
                {
                    return known;
                }
            }

            if (_flat.TryDecode(line, time, dict, record))
            {
                return record;
            }
        }

        if (LstProvReader.Decode(Encoding.UTF8.GetString(line), file, number, _cache, out problem, out var timeOfLine) is not { } decoded)
        {
            return null;
        }

        record.Load(decoded, symbols);
        if (fastPaths && located && decoded.Kind == RecordKinds.Session && problem is null)
        {
            _sessions[_next] = new Session(line[dict..].ToArray(), record.Clone(), timeOfLine);
            _next = (_next + 1) % Remembered;
        }

        return record;
    }

    /// <summary>Where a line's time and dict are: between the two prefixes, and after the second.</summary>
    /// <param name="line">The line.</param>
    /// <param name="time">The time's bytes.</param>
    /// <param name="dict">Where the dict starts.</param>
    /// <returns>False when the line does not hold the prefix twice.</returns>
    public static bool Locate(ReadOnlySpan<byte> line, out Range time, out int dict)
    {
        var prefix = LstProvReader.Prefix.Length;
        var first = line.IndexOf(LstProvReader.PrefixUtf8);
        var second = first < 0 ? -1 : line[(first + prefix)..].IndexOf(LstProvReader.PrefixUtf8);
        time = default;
        dict = 0;
        if (second < 0)
        {
            return false;
        }

        second += first + prefix;
        time = (first + prefix)..second;
        dict = second + prefix;
        return true;
    }

    private sealed record Session(byte[] Dict, DecodedRecord Record, bool TimeOfLine)
    {
        // The record at a line's time: null when that time is no time (the full decode says so).
        public DecodedRecord? At(ReadOnlySpan<byte> time)
        {
            if (!TimeOfLine)
            {
                return Record;
            }

            if (!IsoTimes.TryParse(time, out var start))
            {
                return null;
            }

            // The line's time is the session's start time, as a field too.
            Record.StartTime = start;
            Record.SessionFields = new Dictionary<string, object?>(Record.SessionFields!) { [RecordFields.StartTime] = Encoding.UTF8.GetString(time) };
            return Record;
        }
    }
}
