using System.Globalization;

namespace Provenance.Capture.Store;

/// <summary>Times as the store writes them: UTC, seven fraction digits, a Z — text order is time order.</summary>
internal static class StoreTime
{
    private const string Written = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    // The written form's length and where its separators stand: yyyy-MM-ddTHH:mm:ss.fffffffZ.
    private const int Length = 28;

    /// <summary>The store's text of a time (null for none).</summary>
    /// <remarks>
    /// Digit by digit: an ingest writes a time per relation and two per activity (millions a night), and a custom
    /// format string goes through .NET's general formatter each time. The same text (tested against it).
    /// </remarks>
    public static string? Format(DateTimeOffset? time) => time is { } given ? string.Create(Length, given.UtcDateTime, Write) : null;

    /// <summary>A time the store wrote, or any ISO 8601 time; null for none or no time.</summary>
    /// <remarks>The store's own form read digit by digit first (a walk of a night reads hundreds of thousands), anything else as .NET reads it.</remarks>
    public static DateTimeOffset? Parse(object? value)
    {
        if (value is not string text)
        {
            return null;
        }

        if (TryParseWritten(text, out var written))
        {
            return written;
        }

        const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        return DateTime.TryParseExact(text, Written, CultureInfo.InvariantCulture, Utc, out var exact) ? new DateTimeOffset(exact, TimeSpan.Zero)
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
    }

    private static void Write(Span<char> text, DateTime utc)
    {
        Digits(text[..4], utc.Year);
        text[4] = '-';
        Digits(text.Slice(5, 2), utc.Month);
        text[7] = '-';
        Digits(text.Slice(8, 2), utc.Day);
        text[10] = 'T';
        Digits(text.Slice(11, 2), utc.Hour);
        text[13] = ':';
        Digits(text.Slice(14, 2), utc.Minute);
        text[16] = ':';
        Digits(text.Slice(17, 2), utc.Second);
        text[19] = '.';
        Digits(text.Slice(20, 7), (int)(utc.Ticks % TimeSpan.TicksPerSecond));
        text[27] = 'Z';
    }

    // The number's last digits, as many as the span holds, with leading zeros.
    private static void Digits(Span<char> into, int number)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (char)('0' + (number % 10));
            number /= 10;
        }
    }

    // Exactly the written form with a valid date and time; anything else (another form, a leap second, 30 February)
    // is left to .NET's reading.
    private static bool TryParseWritten(string text, out DateTimeOffset time)
    {
        time = default;
        if (text.Length != Length || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != '.' || text[27] != 'Z')
        {
            return false;
        }

        if (!Number(text, 0, 4, out var year) || !Number(text, 5, 2, out var month) || !Number(text, 8, 2, out var day)
            || !Number(text, 11, 2, out var hour) || !Number(text, 14, 2, out var minute) || !Number(text, 17, 2, out var second)
            || !Number(text, 20, 7, out var fraction))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        time = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(fraction), TimeSpan.Zero);
        return true;
    }

    private static bool Number(string text, int start, int count, out int number)
    {
        number = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            number = (number * 10) + digit;
        }

        return true;
    }
}
