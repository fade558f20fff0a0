using System.Globalization;
using Provenance.Capture.Records;

namespace Provenance.Capture.Prov.Readers;

/// <summary>
/// Reads the provenance lines of the LST on-site analysis (lstosa / lstchain):
/// <c>__PROV__&lt;ISO time&gt;__PROV__&lt;Python dict literal&gt;</c>. Each dict's kind is told by its
/// keys, as in those logs; fields keep the same names as capture's records.
/// </summary>
internal static class LstProvReader
{
    /// <summary>The separator the LST logs put before the time and before the record.</summary>
    public const string Prefix = "__PROV__";

    /// <summary>The prefix as UTF-8, for the byte-level readers.</summary>
    public static ReadOnlySpan<byte> PrefixUtf8 => "__PROV__"u8;

    /// <summary>Decodes one line.</summary>
    /// <param name="line">The line.</param>
    /// <param name="file">Its file.</param>
    /// <param name="lineNumber">Its number.</param>
    /// <param name="problem">Why the line is unusable, if it is.</param>
    /// <returns>The record, or null.</returns>
    public static LogRecord? Decode(string line, string file, long lineNumber, out ReadProblem? problem)
        => Decode(line, file, lineNumber, null, out problem, out _);

    /// <summary>Decodes one line, saying whether the record's start time is the line's (the dict has none).</summary>
    /// <param name="line">The line.</param>
    /// <param name="file">Its file.</param>
    /// <param name="lineNumber">Its number.</param>
    /// <param name="cache">What earlier lines of the log left for the parser (shared strings and blocks), or null.</param>
    /// <param name="problem">Why the line is unusable, if it is.</param>
    /// <param name="timeOfLine">True when the start time was taken from the line's time, not from the dict.</param>
    /// <returns>The record, or null.</returns>
    public static LogRecord? Decode(string line, string file, long lineNumber, LiteralCache? cache, out ReadProblem? problem, out bool timeOfLine)
    {
        problem = null;
        timeOfLine = false;
        var first = line.IndexOf(Prefix, StringComparison.Ordinal);
        var second = line.IndexOf(Prefix, first + Prefix.Length, StringComparison.Ordinal);
        if (second < 0)
        {
            problem = new ReadProblem(file, lineNumber, $"expected {Prefix}<time>{Prefix}<Python dict>");
            return null;
        }

        var time = line[(first + Prefix.Length)..second];
        object? value;
        try
        {
            value = PythonLiteral.Parse(line, second + Prefix.Length, cache);
        }
        catch (FormatException e)
        {
            problem = new ReadProblem(file, lineNumber, $"not a Python dict literal: {e.Message}");
            return null;
        }

        if (value is not Dictionary<string, object?> fields)
        {
            problem = new ReadProblem(file, lineNumber, "expected a Python dict after the time");
            return null;
        }

        var kind = KindOf(fields);
        if (kind is null)
        {
            problem = new ReadProblem(file, lineNumber, "unknown record: none of session_id, activity_id, entity_id with the keys that tell its kind");
            return null;
        }

        timeOfLine = Normalise(fields, kind, time);
        var bad = (BadTime(fields, RecordFields.StartTime), BadTime(fields, RecordFields.EndTime)) switch
        {
            (null, null) => null,
            (var start, null) => start,
            (null, var end) => end,
            var (start, end) => start + "; " + end,
        };
        if (bad is not null)
        {
            problem = new ReadProblem(file, lineNumber, bad);
        }

        return new LogRecord(kind, fields, file, lineNumber);
    }

    // An impossible time (2020-13-45T99:99:99) is dropped and said so: the record is kept with that time unknown.
    private static string? BadTime(Dictionary<string, object?> fields, string name)
    {
        if (!fields.TryGetValue(name, out var value) || value is null
            || value is string text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            return null;
        }

        fields.Remove(name);
        return $"{name} '{LogRecord.AsText(value) ?? value}' is not a time: the record is kept with its {name} unknown";
    }

    private static string? KindOf(Dictionary<string, object?> fields)
    {
        bool Has(string key) => fields.ContainsKey(key);
        if (Has("activity_id"))
        {
            if (Has("used_id"))
            {
                return RecordKinds.Used;
            }

            if (Has("generated_id"))
            {
                return RecordKinds.Generated;
            }

            if (Has("parameters"))
            {
                return RecordKinds.Parameters;
            }

            if (Has("endTime"))
            {
                return RecordKinds.ActivityEnd;
            }

            if (Has("startTime") || Has("name"))
            {
                return RecordKinds.ActivityStart;
            }

            return null;
        }

        if (Has("entity_id"))
        {
            return Has("progenitor_id") ? RecordKinds.Derivation : Has("member_id") ? RecordKinds.Membership : RecordKinds.Entity;
        }

        return Has("session_id") ? RecordKinds.Session : null;
    }

    // The LST logs name a few things differently; map them onto capture's vocabulary. True when the
    // record's start time is the line's.
    private static bool Normalise(Dictionary<string, object?> fields, string kind, string time)
    {
        void Rename(string from, string to)
        {
            if (fields.Remove(from, out var value) && !fields.ContainsKey(to))
            {
                fields[to] = value;
            }
        }

        Rename("observation_run", RecordFields.Run);
        Rename("observation_subrun", RecordFields.Subrun);
        Rename("session_tag", RecordFields.SessionTag);
        if (kind == RecordKinds.Entity)
        {
            Rename("filepath", RecordFields.Location);
        }

        if (kind == RecordKinds.Session && fields.Remove("system", out var system) && system is Dictionary<string, object?> info)
        {
            foreach (var (key, value) in info)
            {
                fields.TryAdd(key, value);
            }
        }

        return kind is RecordKinds.ActivityStart or RecordKinds.Session && fields.TryAdd(RecordFields.StartTime, time);
    }
}
