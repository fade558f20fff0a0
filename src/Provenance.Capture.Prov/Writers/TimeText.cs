namespace Provenance.Capture.Prov.Writers;

/// <summary>
/// A time as <see cref="Document.ProvTime.Format"/> spells it (<c>yyyy-MM-dd'T'HH:mm:ss.fffzzz</c>, e.g.
/// <c>2020-11-20T22:10:01.123+00:00</c>), digit by digit into UTF-8 as a JSON string's content: the offset's
/// <c>+</c> as <c>\u002B</c>, as System.Text.Json's default escaping writes it (the document's text must not
/// depend on which writer made it). The PROV-JSON writer spells millions of them.
/// </summary>
internal static class TimeText
{
    /// <summary>Bytes a time takes at most (with the escaped <c>+</c>).</summary>
    public const int MaxLength = 34;

    /// <summary>Writes the time.</summary>
    /// <param name="time">The time.</param>
    /// <param name="into">At least <see cref="MaxLength"/> bytes.</param>
    /// <param name="json">Whether the <c>+</c> is escaped as in a JSON string.</param>
    /// <returns>How many bytes.</returns>
    public static int Format(DateTimeOffset time, Span<byte> into, bool json = true)
    {
        var clock = time.DateTime;
        Digits(into, 0, clock.Year, 4);
        into[4] = (byte)'-';
        Digits(into, 5, clock.Month, 2);
        into[7] = (byte)'-';
        Digits(into, 8, clock.Day, 2);
        into[10] = (byte)'T';
        Digits(into, 11, clock.Hour, 2);
        into[13] = (byte)':';
        Digits(into, 14, clock.Minute, 2);
        into[16] = (byte)':';
        Digits(into, 17, clock.Second, 2);
        into[19] = (byte)'.';
        Digits(into, 20, clock.Millisecond, 3);
        var offset = (int)(time.Offset.Ticks / TimeSpan.TicksPerMinute);
        var at = 24;
        if (offset < 0)
        {
            into[23] = (byte)'-';
        }
        else if (json)
        {
            "\\u002B"u8.CopyTo(into[23..]);
            at = 29;
        }
        else
        {
            into[23] = (byte)'+';
        }

        offset = Math.Abs(offset);
        Digits(into, at, offset / 60, 2);
        into[at + 2] = (byte)':';
        Digits(into, at + 3, offset % 60, 2);
        return at + 5;
    }

    private static void Digits(Span<byte> into, int at, int value, int count)
    {
        for (var i = at + count - 1; i >= at; i--)
        {
            into[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
