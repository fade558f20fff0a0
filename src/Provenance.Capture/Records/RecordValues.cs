using System.Globalization;

namespace Provenance.Capture.Records;

/// <summary>Turns arbitrary values into what a record field may hold: scalars stay, the rest becomes text.</summary>
internal static class RecordValues
{
    /// <summary>A value a record can carry as a JSON scalar.</summary>
    /// <param name="value">Any value.</param>
    /// <returns>The value itself for numbers, booleans, strings (secrets masked by their shape, see <see cref="SecretRedactor.RedactValue"/>); ISO text for times; text for the rest.</returns>
    public static object? Scalar(object? value) => value switch
    {
        null => null,
        string text => SecretRedactor.RedactValue(text),
        bool or int or long or short or byte or uint or ulong or ushort or sbyte or double or float or decimal => value,
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        Enum e => e.ToString(),
        FileSystemInfo info => info.FullName,
        IFormattable formattable => SecretRedactor.RedactValue(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => value.ToString() is { } text ? SecretRedactor.RedactValue(text) : null,
    };

    /// <summary>
    /// The XSD type of a value, when the JSON form <see cref="Scalar"/> gives it does not tell it (a double 2.0
    /// is written <c>2</c>, a time as a string); null for strings, booleans and ints, whose form does.
    /// </summary>
    /// <param name="value">The value, before <see cref="Scalar"/>.</param>
    /// <returns>The type's qualified name (one shared string per type), or null.</returns>
    public static string? XsdType(object? value) => value switch
    {
        double => "xsd:double",
        float => "xsd:float",
        decimal => "xsd:decimal",
        long => "xsd:long",
        short => "xsd:short",
        sbyte => "xsd:byte",
        byte => "xsd:unsignedByte",
        ushort => "xsd:unsignedShort",
        uint => "xsd:unsignedInt",
        ulong => "xsd:unsignedLong",
        DateTime or DateTimeOffset => "xsd:dateTime",
        _ => null,
    };
}
