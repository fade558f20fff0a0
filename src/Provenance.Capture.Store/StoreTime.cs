using System.Globalization;

namespace Provenance.Capture.Store;

/// <summary>Times as the store writes them: UTC, seven fraction digits, a Z — text order is time order.</summary>
internal static class StoreTime
{
    public static string? Format(DateTimeOffset? time)
        => time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? Parse(object? value)
        => value is string text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
