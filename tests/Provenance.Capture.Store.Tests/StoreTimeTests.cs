using System.Globalization;

namespace Provenance.Capture.Store.Tests;

/// <summary>The store's times written and read digit by digit give what .NET's formatting and parsing of the same form give.</summary>
public sealed class StoreTimeTests
{
    private const string Written = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    [Fact]
    public void A_time_is_written_as_its_UTC_form_with_seven_fraction_digits_and_read_back_to_the_tick()
    {
        var random = new Random(20201120);
        var times = Enumerable.Range(0, 20_000).Select(_ => new DateTimeOffset(
            random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay),
            TimeSpan.FromMinutes(random.Next(-14 * 60, (14 * 60) + 1))))
            .Concat([new DateTimeOffset(1, 1, 2, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(9999, 12, 30, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999),
                new DateTimeOffset(2020, 2, 29, 23, 59, 59, 999, TimeSpan.FromHours(-5)), new DateTimeOffset(2020, 11, 20, 22, 0, 0, TimeSpan.FromHours(1))]);
        foreach (var time in times)
        {
            var text = StoreTime.Format(time);
            text.ShouldBe(time.UtcDateTime.ToString(Written, CultureInfo.InvariantCulture));
            var read = StoreTime.Parse(text).ShouldNotBeNull();
            read.UtcTicks.ShouldBe(time.UtcTicks, text);
            read.Offset.ShouldBe(TimeSpan.Zero);
        }

        StoreTime.Format(null).ShouldBeNull();
    }

    [Theory]
    [InlineData("2020-11-20T22:00:01.1234567Z")]
    [InlineData("2020-02-29T00:00:00.0000000Z")]
    [InlineData("2021-02-29T00:00:00.0000000Z")]
    [InlineData("2020-13-01T00:00:00.0000000Z")]
    [InlineData("2020-00-01T00:00:00.0000000Z")]
    [InlineData("2020-11-00T00:00:00.0000000Z")]
    [InlineData("2020-11-20T24:00:00.0000000Z")]
    [InlineData("2020-11-20T23:60:00.0000000Z")]
    [InlineData("2016-12-31T23:59:60.0000000Z")]
    [InlineData("0000-01-01T00:00:00.0000000Z")]
    [InlineData("2020-11-20T22:00:01.123456xZ")]
    [InlineData("2020-11-20 22:00:01.1234567Z")]
    [InlineData("2020-11-20T22:00:01.1234567+")]
    [InlineData("2020-11-20T22:00:01.123456Z")]
    [InlineData("2020-11-20T22:00:01Z")]
    [InlineData("2020-11-20T22:00:01+02:00")]
    [InlineData("2020-11-20T22:00:01.5-01:30")]
    [InlineData("not a time at all, 28 chars")]
    [InlineData("")]
    public void A_text_reads_as_NET_reads_it_whatever_its_form(string text)
    {
        const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        DateTimeOffset? expected = DateTime.TryParseExact(text, Written, CultureInfo.InvariantCulture, Utc, out var exact) ? new DateTimeOffset(exact, TimeSpan.Zero)
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
        var read = StoreTime.Parse(text);
        read.ShouldBe(expected);
        read?.Offset.ShouldBe(expected!.Value.Offset);
    }

    [Fact]
    public void Nothing_but_a_text_is_a_time() => StoreTime.Parse(42L).ShouldBeNull();
}
