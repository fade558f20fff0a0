using System.Globalization;
using System.Text;
using Provenance.Capture.Prov.Symbols;
using Provenance.Capture.Records;

namespace Provenance.Capture.Prov.Readers;

/// <summary>
/// The byte-level fast path for the LST lines most of a log is made of: a flat dict of the record's own
/// keys (activity, entity, used, generated, derivation, membership, end, and the parameters as one flat
/// dict), each value a plain string, a number, None, True or False. It fills the record straight from
/// the UTF-8 bytes, with no string, dictionary or <see cref="LogRecord"/> in between. Whatever it is
/// not sure of (an escape, a nested value, a session, a time that is no time, any unusual spelling)
/// it declines, and the line goes the general way (<see cref="LstProvReader"/>), which decides it: the
/// two give the same record for every line this one takes (tested on each record kind).
/// </summary>
internal sealed class LstFlatDecoder(RecordSymbols symbols)
{
    private readonly Token[] _fields = new Token[(int)Key.Count];
    private readonly List<(Token Name, Token Value)> _parameters = [];
    private readonly List<(Token Name, Token Value)> _parameterTypes = [];

    private enum Key
    {
        ActivityId, EntityId, SessionId, SessionTag, Name, InSession, AgentName, ParentActivityId, Status,
        ExceptionType, ExceptionMessage, ObservationDate, Run, Subrun, ObservationRun, ObservationSubrun,
        StartTime, EndTime, EntityType, Location, FilePath, Hash, HashType, Size, ContentType, ArchivePath,
        Problem, Collection, Missing, Value, UsedId, UsedRole, GeneratedId, GeneratedRole, ProgenitorId,
        MemberId, Parameters, ParameterTypes, Count,
    }

    private enum TokenKind : byte
    {
        Absent,
        String,
        Integer,
        Real,
        None,
        True,
        False,
        Dict,
    }

    private readonly record struct Token(TokenKind Kind, int Start, int Length, long Integer = 0, double Real = 0);

    /// <summary>Fills <paramref name="record"/> from the dict of a line, when the line is of the plain kind.</summary>
    /// <param name="line">The whole line.</param>
    /// <param name="time">Where the line's time is.</param>
    /// <param name="dict">Where the dict starts.</param>
    /// <param name="record">The record to fill.</param>
    /// <returns>False when the line must go the general way (the record is then left in any state).</returns>
    public bool TryDecode(ReadOnlySpan<byte> line, Range time, int dict, DecodedRecord record)
    {
        Array.Clear(_fields);
        _parameters.Clear();
        _parameterTypes.Clear();
        var position = dict;
        if (!Dict(line, ref position, top: true) || !OnlySpaceAfter(line, position))
        {
            return false;
        }

        var kind = KindOf();
        if (kind is null or RecordKinds.Session)
        {
            return false;
        }

        record.Clear();
        record.Kind = kind;
        var table = symbols.Table;
        record.ActivityId = Symbol(line, Key.ActivityId);
        record.EntityId = Symbol(line, Key.EntityId);
        record.SessionId = Symbol(line, Key.SessionId);
        record.SessionTag = Symbol(line, Key.SessionTag);
        record.Name = Symbol(line, Key.Name);
        record.InSession = Symbol(line, Key.InSession);
        record.AgentName = Symbol(line, Key.AgentName);
        record.ParentActivityId = Symbol(line, Key.ParentActivityId);
        record.Status = Symbol(line, Key.Status);
        record.ExceptionType = Text(line, _fields[(int)Key.ExceptionType]);
        record.ExceptionMessage = Text(line, _fields[(int)Key.ExceptionMessage]);
        record.ObservationDate = Symbol(line, Key.ObservationDate);
        record.Run = RunNumber(line, Renamed(Key.ObservationRun, Key.Run));
        record.Subrun = RunNumber(line, Renamed(Key.ObservationSubrun, Key.Subrun));
        record.EntityType = Symbol(line, Key.EntityType);
        record.Location = table.Intern(Text(line, kind == RecordKinds.Entity ? Renamed(Key.FilePath, Key.Location) : _fields[(int)Key.Location]));
        record.Hash = Symbol(line, Key.Hash);
        record.HashType = Symbol(line, Key.HashType);
        record.ContentType = Symbol(line, Key.ContentType);
        record.ArchivePath = Symbol(line, Key.ArchivePath);
        record.Problem = Symbol(line, Key.Problem);
        record.Collection = Symbol(line, Key.Collection);
        record.Missing = _fields[(int)Key.Missing].Kind == TokenKind.True;
        record.Value = Literal(line, _fields[(int)Key.Value]);
        record.UsedId = Symbol(line, Key.UsedId);
        record.UsedRole = Symbol(line, Key.UsedRole);
        record.GeneratedId = Symbol(line, Key.GeneratedId);
        record.GeneratedRole = Symbol(line, Key.GeneratedRole);
        record.ProgenitorId = Symbol(line, Key.ProgenitorId);
        record.MemberId = Symbol(line, Key.MemberId);
        if (Text(line, _fields[(int)Key.Size]) is { } size)
        {
            record.Size = long.TryParse(size, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes) ? bytes : null;
        }

        // The start time of a start is the line's when the dict has none (as the general way does).
        var start = _fields[(int)Key.StartTime];
        if (kind == RecordKinds.ActivityStart && start.Kind == TokenKind.Absent)
        {
            start = new Token(TokenKind.String, time.Start.Value, time.End.Value - time.Start.Value);
        }

        if (!Time(line, start, out record.StartTime) || !Time(line, _fields[(int)Key.EndTime], out record.EndTime))
        {
            return false;
        }

        foreach (var (name, value) in _parameters)
        {
            record.Parameters.Add((table.Intern(line.Slice(name.Start, name.Length)), Literal(line, value)));
        }

        foreach (var (name, type) in _parameterTypes)
        {
            if (type.Kind == TokenKind.String)
            {
                record.ParameterTypes.Add((table.Intern(line.Slice(name.Start, name.Length)), Encoding.UTF8.GetString(line.Slice(type.Start, type.Length))));
            }
        }

        record.ApplyParameterTypes(symbols);
        return true;
    }

    // The general way's kind, told by which keys the dict has.
    private string? KindOf()
    {
        bool Has(Key key) => _fields[(int)key].Kind != TokenKind.Absent;
        if (Has(Key.ActivityId))
        {
            return Has(Key.UsedId) ? RecordKinds.Used
                : Has(Key.GeneratedId) ? RecordKinds.Generated
                : Has(Key.Parameters) ? RecordKinds.Parameters
                : Has(Key.EndTime) ? RecordKinds.ActivityEnd
                : Has(Key.StartTime) || Has(Key.Name) ? RecordKinds.ActivityStart
                : null;
        }

        if (Has(Key.EntityId))
        {
            return Has(Key.ProgenitorId) ? RecordKinds.Derivation : Has(Key.MemberId) ? RecordKinds.Membership : RecordKinds.Entity;
        }

        return Has(Key.SessionId) ? RecordKinds.Session : null;
    }

    // The LST name's value when the capture name is not in the dict itself.
    private Token Renamed(Key lst, Key capture) => _fields[(int)capture].Kind != TokenKind.Absent ? _fields[(int)capture] : _fields[(int)lst];

    private int Symbol(ReadOnlySpan<byte> line, Key key)
    {
        var token = _fields[(int)key];
        return token.Kind switch
        {
            TokenKind.Absent or TokenKind.None => SymbolTable.None,
            TokenKind.String => symbols.Table.Intern(line.Slice(token.Start, token.Length)),
            _ => symbols.Table.Intern(Text(line, token)),
        };
    }

    private int RunNumber(ReadOnlySpan<byte> line, Token token)
        => Text(line, token) is { } text ? symbols.Table.Intern(RunNumbers.Normalise(text)) : SymbolTable.None;

    // The value as the general way's LogRecord.Text gives it.
    private static string? Text(ReadOnlySpan<byte> line, Token token) => token.Kind switch
    {
        TokenKind.String => Encoding.UTF8.GetString(line.Slice(token.Start, token.Length)),
        TokenKind.Integer => token.Integer.ToString(CultureInfo.InvariantCulture),
        TokenKind.Real => token.Real.ToString("R", CultureInfo.InvariantCulture),
        TokenKind.True => "true",
        TokenKind.False => "false",
        _ => null,
    };

    // The value as the general way's RecordSymbols.Literal(object) gives it.
    private int Literal(ReadOnlySpan<byte> line, Token token) => token.Kind switch
    {
        TokenKind.String => symbols.Literal(line.Slice(token.Start, token.Length), LiteralType.String),
        TokenKind.Integer => symbols.Literal(token.Integer),
        TokenKind.Real => symbols.Literal(token.Real),
        TokenKind.True => symbols.Literal(true),
        TokenKind.False => symbols.Literal(false),
        _ => 0,
    };

    // A time as the general way reads it; false when present but no time (the general way says so).
    private static bool Time(ReadOnlySpan<byte> line, Token token, out DateTimeOffset? time)
    {
        time = null;
        switch (token.Kind)
        {
            case TokenKind.Absent or TokenKind.None:
                return true;
            case TokenKind.String when IsoTimes.TryParse(line.Slice(token.Start, token.Length), out var parsed):
                time = parsed;
                return true;
            default:
                return false;
        }
    }

    private bool Dict(ReadOnlySpan<byte> line, ref int position, bool top, List<(Token, Token)>? into = null)
    {
        if (!Is(line, position, (byte)'{'))
        {
            return false;
        }

        position++;
        SkipSpace(line, ref position);
        if (Is(line, position, (byte)'}'))
        {
            position++;
            return true;
        }

        while (true)
        {
            if (!String(line, ref position, out var name))
            {
                return false;
            }

            SkipSpace(line, ref position);
            if (!Is(line, position, (byte)':'))
            {
                return false;
            }

            position++;
            SkipSpace(line, ref position);
            Token value;
            var key = top ? KeyOf(line.Slice(name.Start, name.Length)) : null;
            if (Is(line, position, (byte)'{'))
            {
                // Only the parameters and their types may nest, one flat level.
                var inner = key switch { Key.Parameters => _parameters, Key.ParameterTypes => _parameterTypes, _ => null };
                if (inner is null || inner.Count > 0 || !Dict(line, ref position, top: false, inner))
                {
                    return false;
                }

                value = new Token(TokenKind.Dict, 0, 0);
            }
            else if (!Scalar(line, ref position, out value))
            {
                return false;
            }

            if (top)
            {
                if (key is not { } known)
                {
                    // A key the record does not read: the general way ignores it too (but a session keeps it).
                    if (Bytes(line, name).SequenceEqual("system"u8))
                    {
                        return false;
                    }
                }
                else
                {
                    // A key written twice: the last one counts, as in Python.
                    if (known is Key.Parameters or Key.ParameterTypes && _fields[(int)known].Kind != TokenKind.Absent)
                    {
                        return false;
                    }

                    _fields[(int)known] = value;
                }
            }
            else
            {
                foreach (var (other, _) in into!)
                {
                    if (Bytes(line, other).SequenceEqual(Bytes(line, name)))
                    {
                        return false;
                    }
                }

                into.Add((name, value));
            }

            SkipSpace(line, ref position);
            if (Is(line, position, (byte)','))
            {
                position++;
                SkipSpace(line, ref position);
                if (Is(line, position, (byte)'}'))
                {
                    position++;
                    return true;
                }

                continue;
            }

            if (!Is(line, position, (byte)'}'))
            {
                return false;
            }

            position++;
            return true;
        }
    }

    private static ReadOnlySpan<byte> Bytes(ReadOnlySpan<byte> line, Token token) => line.Slice(token.Start, token.Length);

    // A plain one-line string: quoted by ' or ", no escape, not triple-quoted, not followed by another string.
    private static bool String(ReadOnlySpan<byte> line, ref int position, out Token token)
    {
        token = default;
        if (position >= line.Length || line[position] is not ((byte)'\'' or (byte)'"'))
        {
            return false;
        }

        var quote = line[position];
        var rest = line[(position + 1)..];
        var end = rest.IndexOfAny(quote, (byte)'\\');
        if (end < 0 || rest[end] != quote || (end == 0 && rest.Length > 1 && rest[1] == quote))
        {
            return false;
        }

        token = new Token(TokenKind.String, position + 1, end);
        position += end + 2;
        var after = position;
        SkipSpace(line, ref after);
        return !(after < line.Length && line[after] is (byte)'\'' or (byte)'"');
    }

    private static bool Scalar(ReadOnlySpan<byte> line, ref int position, out Token token)
    {
        token = default;
        if (position >= line.Length)
        {
            return false;
        }

        var c = line[position];
        if (c is (byte)'\'' or (byte)'"')
        {
            return String(line, ref position, out token);
        }

        var start = position;
        if (c is (byte)'-' or (byte)'+' or (byte)'.' || char.IsAsciiDigit((char)c))
        {
            // The general way's number: letters, digits, '.', '_' and signs, a sign only first or after an exponent mark.
            while (position < line.Length && (char.IsAsciiLetterOrDigit((char)line[position]) || line[position] is (byte)'.' or (byte)'-' or (byte)'+' or (byte)'_'))
            {
                if (line[position] is (byte)'-' or (byte)'+' && position > start && line[position - 1] is not ((byte)'e' or (byte)'E'))
                {
                    break;
                }

                position++;
            }

            var text = line[start..position];
            if (text.Contains((byte)'_') || text.Length > 40)
            {
                return false;
            }

            Span<char> chars = stackalloc char[text.Length];
            for (var i = 0; i < text.Length; i++)
            {
                chars[i] = (char)text[i];
            }

            if (long.TryParse(chars, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                token = new Token(TokenKind.Integer, start, text.Length, Integer: integer);
                return true;
            }

            if (RecordSymbols.IsInteger(text))
            {
                // Beyond 64 bits: the general way keeps every digit.
                return false;
            }

            if (double.TryParse(chars, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
            {
                token = new Token(TokenKind.Real, start, text.Length, Real: real);
                return true;
            }

            return false;
        }

        while (position < line.Length && (char.IsAsciiLetterOrDigit((char)line[position]) || line[position] == (byte)'_'))
        {
            position++;
        }

        var word = line[start..position];
        var kind = word.SequenceEqual("None"u8) ? TokenKind.None
            : word.SequenceEqual("True"u8) ? TokenKind.True
            : word.SequenceEqual("False"u8) ? TokenKind.False
            : TokenKind.Absent;
        token = new Token(kind, start, word.Length);
        return kind != TokenKind.Absent;
    }

    // The keys the record reads, by their UTF-8 bytes.
    private static readonly (byte[] Name, Key Key)[] Keys = [.. new (string Name, Key Key)[]
    {
        (RecordFields.ActivityId, Key.ActivityId),
        (RecordFields.EntityId, Key.EntityId),
        (RecordFields.SessionId, Key.SessionId),
        (RecordFields.SessionTag, Key.SessionTag),
        (RecordFields.Name, Key.Name),
        (RecordFields.InSession, Key.InSession),
        (RecordFields.AgentName, Key.AgentName),
        (RecordFields.ParentActivityId, Key.ParentActivityId),
        (RecordFields.Status, Key.Status),
        (RecordFields.ExceptionType, Key.ExceptionType),
        (RecordFields.ExceptionMessage, Key.ExceptionMessage),
        (RecordFields.ObservationDate, Key.ObservationDate),
        (RecordFields.Run, Key.Run),
        (RecordFields.Subrun, Key.Subrun),
        ("observation_run", Key.ObservationRun),
        ("observation_subrun", Key.ObservationSubrun),
        (RecordFields.StartTime, Key.StartTime),
        (RecordFields.EndTime, Key.EndTime),
        (RecordFields.EntityType, Key.EntityType),
        (RecordFields.Location, Key.Location),
        (RecordFields.FilePath, Key.FilePath),
        (RecordFields.Hash, Key.Hash),
        (RecordFields.HashType, Key.HashType),
        (RecordFields.Size, Key.Size),
        (RecordFields.ContentType, Key.ContentType),
        (RecordFields.ArchivePath, Key.ArchivePath),
        (RecordFields.Problem, Key.Problem),
        (RecordFields.Collection, Key.Collection),
        (RecordFields.Missing, Key.Missing),
        (RecordFields.Value, Key.Value),
        (RecordFields.UsedId, Key.UsedId),
        (RecordFields.UsedRole, Key.UsedRole),
        (RecordFields.GeneratedId, Key.GeneratedId),
        (RecordFields.GeneratedRole, Key.GeneratedRole),
        (RecordFields.ProgenitorId, Key.ProgenitorId),
        (RecordFields.MemberId, Key.MemberId),
        (RecordFields.Parameters, Key.Parameters),
        (RecordFields.ParameterTypes, Key.ParameterTypes),
    }.Select(k => (Encoding.UTF8.GetBytes(k.Name), k.Key))];

    private static Key? KeyOf(ReadOnlySpan<byte> name)
    {
        foreach (var (bytes, key) in Keys)
        {
            if (name.SequenceEqual(bytes))
            {
                return key;
            }
        }

        return null;
    }

    private static bool Is(ReadOnlySpan<byte> line, int position, byte c) => position < line.Length && line[position] == c;

    private static void SkipSpace(ReadOnlySpan<byte> line, ref int position)
    {
        while (position < line.Length && line[position] is (byte)' ' or (byte)'\t')
        {
            position++;
        }
    }

    private static bool OnlySpaceAfter(ReadOnlySpan<byte> line, int position)
    {
        SkipSpace(line, ref position);
        return position == line.Length;
    }
}
