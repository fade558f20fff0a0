using System.Globalization;
using System.Text.Json;
using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Prov.Symbols;

/// <summary>
/// The symbol table of a merge and the literals it shares: one <see cref="ProvLiteral"/> per distinct
/// value and type, named by an int (0: none) so that state holds no references.
/// </summary>
internal sealed class RecordSymbols(int expected)
{
    private readonly Dictionary<long, int> _literalIds = [];
    private readonly List<ProvLiteral> _literals = [null!];

    // The key of each literal (type and text symbol, as in _literalIds), by id.
    private readonly List<long> _literalKeys = [0];

    public SymbolTable Table { get; } = new(expected);

    public ProvLiteral? LiteralOf(int id) => id == 0 ? null : _literals[id];

    /// <summary>The literal of a text of a type.</summary>
    public int Literal(ReadOnlySpan<byte> text, LiteralType type)
    {
        var key = ((long)type << 32) | (uint)Table.Intern(text);
        if (!_literalIds.TryGetValue(key, out var id))
        {
            var value = System.Text.Encoding.UTF8.GetString(text);
            _literalIds[key] = id = _literals.Count;
            _literals.Add(type == LiteralType.String ? ProvLiteral.String(value) : new ProvLiteral(value, XsdNames[(int)type]));
            _literalKeys.Add(key);
        }

        return id;
    }

    /// <summary>Literals handed out so far (plus one for none).</summary>
    public int LiteralCount => _literals.Count;

    /// <summary>The symbol of a literal's text and the literal's type.</summary>
    public (int Text, LiteralType Type) KeyOf(int id) => ((int)_literalKeys[id], (LiteralType)(_literalKeys[id] >> 32));

    /// <summary>
    /// This table's literal for one of another table (<see cref="Readers.ParallelScan"/>): the same type and text,
    /// given here as this table's symbol; the other table's object is shared when this table has none yet.
    /// </summary>
    public int Adopt(int text, LiteralType type, ProvLiteral literal)
    {
        var key = ((long)type << 32) | (uint)text;
        if (!_literalIds.TryGetValue(key, out var id))
        {
            _literalIds[key] = id = _literals.Count;
            _literals.Add(literal);
            _literalKeys.Add(key);
        }

        return id;
    }

    // The qualified XSD name of each LiteralType, in the enum's order.
    private static readonly string[] XsdNames =
    [
        "xsd:string", "xsd:int", "xsd:long", "xsd:double", "xsd:boolean", "xsd:float", "xsd:decimal", "xsd:dateTime",
        "xsd:short", "xsd:byte", "xsd:unsignedByte", "xsd:unsignedShort", "xsd:unsignedInt", "xsd:unsignedLong",
        "xsd:integer",
    ];

    private static readonly byte[][] XsdNameBytes = [.. XsdNames.Select(System.Text.Encoding.UTF8.GetBytes)];

    /// <summary>The shared string of an XSD type name a literal may have, or null for another text.</summary>
    public static string? KnownXsdName(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < XsdNameBytes.Length; i++)
        {
            if (name.SequenceEqual(XsdNameBytes[i]))
            {
                return XsdNames[i];
            }
        }

        return null;
    }

    /// <summary>
    /// The literal with the text of <paramref name="literal"/> and the XSD type a record names for it
    /// (capture's <c>parameter_types</c>: a double 2.0 was written <c>2</c>); unchanged for a type it does not know.
    /// </summary>
    public int Typed(int literal, string? xsdType)
    {
        var type = Array.IndexOf(XsdNames, xsdType);
        return literal == 0 || type <= 0 ? literal : Literal(System.Text.Encoding.UTF8.GetBytes(_literals[literal].Text), (LiteralType)type);
    }

    public int Literal(long number)
        => Literal(Invariant(number, stackalloc byte[24]), number is >= int.MinValue and <= int.MaxValue ? LiteralType.Int : LiteralType.Long);

    public int Literal(double number) => Literal(Invariant(number, stackalloc byte[40]), LiteralType.Double);

    /// <summary>Whether a number's text is an integer (an optional sign, then digits only): one beyond 64 bits is kept as written, not as a double.</summary>
    public static bool IsInteger(ReadOnlySpan<byte> number)
    {
        var digits = number.Length > 0 && number[0] is (byte)'-' or (byte)'+' ? number[1..] : number;
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange((byte)'0', (byte)'9');
    }

    /// <summary>A number as the invariant text literals and symbols hold (round-trip form for doubles).</summary>
    public static ReadOnlySpan<byte> Invariant(long number, Span<byte> buffer)
    {
        number.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        return buffer[..written];
    }

    /// <inheritdoc cref="Invariant(long, Span{byte})"/>
    public static ReadOnlySpan<byte> Invariant(double number, Span<byte> buffer)
    {
        number.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture);
        return buffer[..written];
    }

    public int Literal(bool value) => Literal(value ? "true"u8 : "false"u8, LiteralType.Boolean);

    /// <summary>The literal of a value read as an object (LST lines, API records); maps and lists become their JSON text.</summary>
    public int Literal(object? value) => value is null ? 0 : Literal(Encoded(value, stackalloc byte[40], out var type), type);

    /// <summary>
    /// The literal <see cref="Literal(object?)"/> hands out for a value, made without the table (so on any
    /// thread): equal to it, not the same object.
    /// </summary>
    public static ProvLiteral? LiteralOfValue(object? value)
    {
        if (value is null)
        {
            return null;
        }

        // A well-formed text comes back from UTF-8 as it was: no round trip needed.
        if (value is string text && !text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return ProvLiteral.String(text);
        }

        var encoded = System.Text.Encoding.UTF8.GetString(Encoded(value, stackalloc byte[40], out var type));
        return type == LiteralType.String ? ProvLiteral.String(encoded) : new ProvLiteral(encoded, XsdNames[(int)type]);
    }

    // A value's text as the table holds it (UTF-8; a number formatted into the buffer) and its type.
    private static ReadOnlySpan<byte> Encoded(object value, Span<byte> buffer, out LiteralType type)
    {
        type = LiteralType.String;
        switch (value)
        {
            case string s:
                return System.Text.Encoding.UTF8.GetBytes(s);
            case bool b:
                type = LiteralType.Boolean;
                return b ? "true"u8 : "false"u8;
            case long or int:
                var number = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                type = number is >= int.MinValue and <= int.MaxValue ? LiteralType.Int : LiteralType.Long;
                return Invariant(number, buffer);
            case double d:
                type = LiteralType.Double;
                return Invariant(d, buffer);
            case System.Numerics.BigInteger big:
                type = LiteralType.Integer;
                return System.Text.Encoding.UTF8.GetBytes(big.ToString(CultureInfo.InvariantCulture));
            case IReadOnlyDictionary<string, object?> or IReadOnlyList<object?>:
                return JsonSerializer.SerializeToUtf8Bytes(value);
            case IFormattable formattable:
                return System.Text.Encoding.UTF8.GetBytes(formattable.ToString(null, CultureInfo.InvariantCulture));
            default:
                return System.Text.Encoding.UTF8.GetBytes(value.ToString() ?? string.Empty);
        }
    }
}
