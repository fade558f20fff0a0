using System.Globalization;

namespace Provenance.Capture.Prov.Readers;

/// <summary>
/// Times as the logs write them, read from their UTF-8 bytes: the shapes capture and lstosa write
/// (<c>2020-11-20T22:00:00.003+00:00</c>, <c>2020-11-21T01:03:09.131522</c>, <c>…Z</c>) are read digit by digit;
/// anything else is left to <see cref="DateTimeOffset.TryParse(string, IFormatProvider, DateTimeStyles, out DateTimeOffset)"/>,
/// which decides as it always did. A time without an offset is UTC.
/// </summary>
internal static class IsoTimes
{
    /// <summary>Reads a time, the common shapes quickly and any other as .NET reads it (invariant culture, UTC when no offset); a text of more than 64 bytes is no time.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out DateTimeOffset time)
    {
        if (TryParseCommon(utf8, out time))
        {
            return true;
        }

        Span<char> text = stackalloc char[64];
        return utf8.Length <= text.Length
            && DateTimeOffset.TryParse(text[..System.Text.Encoding.UTF8.GetChars(utf8, text)], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }

    /// <summary>
    /// <c>yyyy-MM-ddTHH:mm:ss</c>, then a fraction of one to seven digits or none, then <c>Z</c>,
    /// <c>±HH:mm</c> or nothing; false for any other text (which may still be a time, for the general reading).
    /// </summary>
    public static bool TryParseCommon(ReadOnlySpan<byte> s, out DateTimeOffset time)
    {
        time = default;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':'
            || !Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second))
        {
            return false;
        }

        // Years at the ends of the range are left to the general reading (an offset may take them out of it).
        if (year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var at = 19;
        long ticks = 0;
        if (at < s.Length && s[at] == '.')
        {
            var start = ++at;
            while (at < s.Length && at - start < 8 && char.IsAsciiDigit((char)s[at]))
            {
                ticks = (ticks * 10) + (s[at++] - '0');
            }

            var digits = at - start;
            if (digits is 0 or > 7)
            {
                return false;
            }

            for (var i = digits; i < 7; i++)
            {
                ticks *= 10;
            }
        }

        var offset = TimeSpan.Zero;
        if (at == s.Length || (s[at] == 'Z' && at + 1 == s.Length))
        {
            // UTC.
        }
        else if (s[at] is (byte)'+' or (byte)'-' && s.Length == at + 6 && s[at + 3] == ':'
            && Digits(s, at + 1, 2, out var offsetHours) && Digits(s, at + 4, 2, out var offsetMinutes)
            && offsetMinutes <= 59 && (offsetHours < 14 || (offsetHours == 14 && offsetMinutes == 0)))
        {
            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            offset = s[at] == '-' ? -offset : offset;
        }
        else
        {
            return false;
        }

        time = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(ticks);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        foreach (var b in s.Slice(start, count))
        {
            if (!char.IsAsciiDigit((char)b))
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }
}
