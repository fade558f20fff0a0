using System.Globalization;

namespace Provenance.Capture.Store;

/// <summary>Times as the store writes them: UTC, seven fraction digits, a Z — text order is time order.</summary>
internal static class StoreTime
{
    private const string Written = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string? Format(DateTimeOffset? time) => time?.UtcDateTime.ToString(Written, CultureInfo.InvariantCulture);

    // The store's own format first (a walk of a night parses hundreds of thousands), then any ISO 8601 time.
    public static DateTimeOffset? Parse(object? value)
    {
        if (value is not string text)
        {
            return null;
        }

        const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        return DateTime.TryParseExact(text, Written, CultureInfo.InvariantCulture, Utc, out var exact) ? new DateTimeOffset(exact, TimeSpan.Zero)
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
    }
}
