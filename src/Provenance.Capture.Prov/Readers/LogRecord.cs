using System.Globalization;

namespace Provenance.Capture.Prov.Readers;

/// <summary>
/// One record read from a log, whatever its format: its kind (see <see cref="Records.RecordKinds"/>),
/// its fields (strings, numbers, booleans, nested dictionaries and lists), and where it was read.
/// </summary>
/// <param name="Kind">Record kind.</param>
/// <param name="Fields">Field values by name.</param>
/// <param name="File">The log file.</param>
/// <param name="Line">1-based line in the file.</param>
public sealed record LogRecord(string Kind, IReadOnlyDictionary<string, object?> Fields, string File, long Line)
{
    /// <summary>A field as text (numbers in invariant form), or null.</summary>
    /// <param name="name">Field name.</param>
    /// <returns>The text.</returns>
    public string? Text(string name) => Fields.TryGetValue(name, out var value) ? AsText(value) : null;

    /// <summary>A field as a time, or null when absent or not a time.</summary>
    /// <param name="name">Field name.</param>
    /// <returns>The time.</returns>
    public DateTimeOffset? Time(string name)
        => Text(name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    /// <summary>A list field (empty when absent).</summary>
    /// <param name="name">Field name.</param>
    /// <returns>The items.</returns>
    public IReadOnlyList<object?> List(string name) => Fields.TryGetValue(name, out var value) && value is IReadOnlyList<object?> list ? list : [];

    /// <summary>A dictionary field, or null.</summary>
    /// <param name="name">Field name.</param>
    /// <returns>The dictionary.</returns>
    public IReadOnlyDictionary<string, object?>? Map(string name)
        => Fields.TryGetValue(name, out var value) ? value as IReadOnlyDictionary<string, object?> : null;

    /// <summary>Renders a scalar value as invariant text; a map or a list is no scalar (null), as the byte-level CLEF reader passes it over.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Text, or null.</returns>
    public static string? AsText(object? value) => value switch
    {
        null => null,
        string s => s,
        IReadOnlyDictionary<string, object?> or IReadOnlyList<object?> => null,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
