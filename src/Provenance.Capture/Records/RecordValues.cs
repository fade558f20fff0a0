using System.Globalization;

namespace Provenance.Capture.Records;

/// <summary>Turns arbitrary values into what a record field may hold: scalars stay, the rest becomes text.</summary>
internal static class RecordValues
{
    /// <summary>A value a record can carry as a JSON scalar.</summary>
    /// <param name="value">Any value.</param>
    /// <returns>The value itself for numbers, booleans, strings; ISO text for times; text for the rest.</returns>
    public static object? Scalar(object? value) => value switch
    {
        null => null,
        string or bool or int or long or short or byte or uint or ulong or ushort or sbyte or double or float or decimal => value,
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        Enum e => e.ToString(),
        FileSystemInfo info => info.FullName,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
