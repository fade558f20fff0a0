using System.Globalization;
using System.Text;

namespace Provenance.Capture.Prov.Readers;

/// <summary>
/// Parses Python literals as <c>ast.literal_eval</c> would for the values the LST on-site logs hold:
/// single- or double-quoted strings with escapes, ints, floats, None/True/False, dicts, lists and
/// tuples. Not YAML: <c>None</c> stays null and <c>'C:\\data'</c> has one backslash.
/// </summary>
internal sealed class PythonLiteral
{
    private readonly string _text;
    private readonly LiteralCache? _cache;
    private int _position;

    private PythonLiteral(string text, int start, LiteralCache? cache)
    {
        _text = text;
        _position = start;
        _cache = cache;
    }

    /// <summary>Parses a literal.</summary>
    /// <param name="text">The text.</param>
    /// <returns>string, long, double, bool, null, Dictionary&lt;string, object?&gt; or List&lt;object?&gt;.</returns>
    /// <exception cref="FormatException">Not a literal; the message gives the position.</exception>
    public static object? Parse(string text) => Parse(text, 0);

    /// <summary>Parses a literal starting at an offset; nothing but spaces may follow it.</summary>
    /// <param name="text">The text.</param>
    /// <param name="start">Offset of the literal.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">Not a literal.</exception>
    public static object? Parse(string text, int start) => Parse(text, start, null);

    /// <summary>
    /// Parses a literal starting at an offset, sharing short strings and nested containers seen before
    /// through <paramref name="cache"/> (the outermost value is always new: the caller may change it).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="start">Offset of the literal.</param>
    /// <param name="cache">What earlier lines left, or null.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">Not a literal.</exception>
    public static object? Parse(string text, int start, LiteralCache? cache)
    {
        var parser = new PythonLiteral(text, start, cache);
        var value = parser.Value();
        parser.SkipSpace();
        if (parser._position != text.Length)
        {
            throw parser.Error("unexpected text after the literal");
        }

        return value;
    }

    private object? Value()
    {
        SkipSpace();
        if (_position >= _text.Length)
        {
            throw Error("unexpected end of line (a line cut mid-write?)");
        }

        var c = _text[_position];
        if (c is '{' or '[' or '(' && _cache is not null && _depth > 0)
        {
            return Remembered();
        }

        switch (c)
        {
            case '{' or '[' or '(':
                return Container();
            case '\'' or '"':
                return Strings();
        }

        if (char.IsDigit(c) || c is '-' or '+' or '.')
        {
            return Number();
        }

        if (char.IsLetter(c) || c == '_')
        {
            var start = _position;
            while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] == '_'))
            {
                _position++;
            }

            var word = _text.AsSpan(start, _position - start);
            if (word is "r" or "R" or "b" or "u" or "rb" or "br" && _position < _text.Length && _text[_position] is '\'' or '"')
            {
                return String(raw: word.IndexOfAny('r', 'R') >= 0);
            }

            return word switch
            {
                "None" => null,
                "True" => true,
                "False" => false,
                "nan" => double.NaN,
                "inf" => double.PositiveInfinity,
                _ => throw Error($"'{word.ToString()}' is not a Python literal (expected None, True, False, a number, a string, a dict or a list)", start),
            };
        }

        throw Error($"unexpected '{c}'");
    }

    /// <summary>How deep dicts, lists and tuples may nest (as System.Text.Json's default for JSON): deeper input is refused, never recursed into.</summary>
    public const int MaxDepth = 64;

    private int _depth;

    // The deepest nesting reached so far.
    private int _deepest;

    // The key the value being parsed is under (null in a list).
    private string? _key;

    // A nested container: shared when a container under the same key began with the same text before
    // (a container ends where its own text says, so the same text is the same container), remembered
    // when large.
    private object? Remembered()
    {
        var start = _position;
        var slot = _cache!.Slot(_key);
        if (slot.Find(_text.AsSpan(start), MaxDepth - _depth) is { } known)
        {
            _position += known.Text.Length;
            return known.Value;
        }

        var outer = _deepest;
        _deepest = _depth;
        var value = Container();
        var depth = _deepest - _depth;
        _deepest = Math.Max(outer, _deepest);
        if (_position - start >= LiteralCache.LargeContainer)
        {
            slot.Add(_text[start.._position], value, depth);
        }

        return value;
    }

    private object? Container() => _text[_position] switch
    {
        '{' => Nested(static p => p.Dict()),
        '[' => Nested(static p => p.Sequence('[', ']')),
        _ => Nested(static p => p.Sequence('(', ')')),
    };

    private object? Nested(Func<PythonLiteral, object?> container)
    {
        if (++_depth > MaxDepth)
        {
            throw Error($"nested deeper than {MaxDepth} levels");
        }

        _deepest = Math.Max(_deepest, _depth);

        var value = container(this);
        _depth--;
        return value;
    }

    // Adjacent string literals concatenate, as in Python.
    private string Strings()
    {
        var text = String(raw: false);
        SkipSpace();
        while (_position < _text.Length && _text[_position] is '\'' or '"')
        {
            text += String(raw: false);
            SkipSpace();
        }

        return text;
    }

    private Dictionary<string, object?> Dict()
    {
        _position++;
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        SkipSpace();
        if (Peek('}'))
        {
            _position++;
            return result;
        }

        while (true)
        {
            _key = null;
            var key = Value() switch { string s => s, var other => LogRecord.AsText(other) ?? "None" };
            SkipSpace();
            Expect(':');
            _key = key;
            result[key] = Value();
            SkipSpace();
            if (Peek(','))
            {
                _position++;
                SkipSpace();
                if (Peek('}'))
                {
                    _position++;
                    return result;
                }

                continue;
            }

            Expect('}');
            return result;
        }
    }

    private List<object?> Sequence(char open, char close)
    {
        _position++;
        var result = new List<object?>();
        _key = null;
        SkipSpace();
        if (Peek(close))
        {
            _position++;
            return result;
        }

        while (true)
        {
            _key = null;
            result.Add(Value());
            SkipSpace();
            if (Peek(','))
            {
                _position++;
                SkipSpace();
                if (Peek(close))
                {
                    _position++;
                    return result;
                }

                continue;
            }

            Expect(close);
            return result;
        }
    }

    private string String(bool raw)
    {
        var quote = _text[_position];
        var triple = _position + 2 < _text.Length && _text[_position + 1] == quote && _text[_position + 2] == quote;
        _position += triple ? 3 : 1;
        if (!triple)
        {
            // Most strings hold no escape: taken whole.
            var rest = _text.AsSpan(_position);
            var stop = rest.IndexOfAny(quote, '\\');
            if (stop >= 0 && rest[stop] == quote)
            {
                _position += stop + 1;
                return _cache is not null && stop <= LiteralCache.ShortString ? _cache.String(rest[..stop]) : new string(rest[..stop]);
            }
        }

        var result = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("string is never closed (a line cut mid-write?)");
            }

            var c = _text[_position];
            if (c == quote && (!triple || (_position + 2 < _text.Length && _text[_position + 1] == quote && _text[_position + 2] == quote)))
            {
                _position += triple ? 3 : 1;
                return result.ToString();
            }

            if (c == '\\' && _position + 1 < _text.Length)
            {
                if (raw)
                {
                    result.Append(c).Append(_text[_position + 1]);
                    _position += 2;
                    continue;
                }

                _position++;
                result.Append(Escape());
                continue;
            }

            result.Append(c);
            _position++;
        }
    }

    private string Escape()
    {
        var c = _text[_position++];
        switch (c)
        {
            case '\\': return "\\";
            case '\'': return "'";
            case '"': return "\"";
            case 'n': return "\n";
            case 't': return "\t";
            case 'r': return "\r";
            case '0': return "\0";
            case 'a': return "\a";
            case 'b': return "\b";
            case 'f': return "\f";
            case 'v': return "\v";
            case '\n': return string.Empty;
            case 'x': return Hex(2);
            case 'u': return Hex(4);
            case 'U': return Hex(8);
            default:
                // Python keeps unknown escapes as they are: '\d' is backslash + d.
                return "\\" + c;
        }
    }

    private string Hex(int digits)
    {
        if (_position + digits > _text.Length || !int.TryParse(_text.AsSpan(_position, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
        {
            throw Error($"bad \\x/\\u escape: expected {digits} hex digits");
        }

        _position += digits;
        return char.ConvertFromUtf32(code);
    }

    private object Number()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] is '.' or '-' or '+' or '_'))
        {
            // Stop at a sign that is not an exponent sign.
            if (_text[_position] is '-' or '+' && _position > start && _text[_position - 1] is not ('e' or 'E'))
            {
                break;
            }

            _position++;
        }

        var written = _text.AsSpan(start, _position - start);
        var text = written.Contains('_') ? written.ToString().Replace("_", string.Empty, StringComparison.Ordinal).AsSpan() : written;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        // Python's integers have no bound: one beyond 64 bits keeps every digit.
        if (System.Numerics.BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big))
        {
            return big;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return real;
        }

        throw Error($"'{text.ToString()}' is not a number", start);
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private bool Peek(char c) => _position < _text.Length && _text[_position] == c;

    private void Expect(char c)
    {
        if (!Peek(c))
        {
            throw Error(_position >= _text.Length ? $"expected '{c}' but the line ends (a line cut mid-write?)" : $"expected '{c}' but found '{_text[_position]}'");
        }

        _position++;
    }

    private FormatException Error(string message, int? at = null) => new($"column {(at ?? _position) + 1}: {message}");
}
