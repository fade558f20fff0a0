namespace Provenance.Capture.Prov.Document;

/// <summary>Formats times as xsd:dateTime with an explicit offset.</summary>
public static class ProvTime
{
    /// <summary>ISO 8601 with offset, e.g. <c>2020-11-20T22:10:01.123+00:00</c>.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The text.</returns>
    public static string Format(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture);
}
