using System.Globalization;
using System.Text;
using Provenance.Capture.Prov.Readers;

namespace Provenance.Capture.Prov.Tests;

/// <summary>The digit-by-digit reading of the logs' usual time shapes gives what .NET's general reading gives, and declines the rest.</summary>
public sealed class IsoTimesTests
{
    public static TheoryData<string> Usual =>
    [
        "2020-11-20T22:00:00.003+00:00",
        "2020-11-20T22:00:00.0030000+00:00",
        "2020-11-21T01:03:09.131522",
        "2020-11-21T01:03:09",
        "2020-11-21T01:03:09Z",
        "2020-11-21T01:03:09.1Z",
        "2020-11-21T01:03:09.1234567-09:30",
        "2020-02-29T23:59:59.9999999+14:00",
        "2021-12-31T00:00:00-14:00",
        "2021-01-01T00:00:00-00:00",
        "0002-01-01T00:00:00Z",
        "9998-12-31T23:59:59Z",
    ];

    // Times in other shapes, and texts that are no time, that the digit-by-digit way leaves to the general one.
    public static TheoryData<string> Declined =>
    [
        "2020-11-21 01:03:09",
        "2020-11-21t01:03:09",
        "2020-11-21T01:03:09z",
        "2020-11-21T01:03:09.12345678Z",
        "2020-11-21T01:03:09.Z",
        "2020-11-21T01:03:09+0100",
        "2020-11-21T01:03:09+01",
        "2020-11-21T01:03:09+14:30",
        "2020-11-21T01:03:09+01:60",
        "2021-02-29T00:00:00Z",
        "2020-13-01T00:00:00Z",
        "2020-11-31T00:00:00Z",
        "2020-11-21T24:00:00Z",
        "2020-11-21T23:60:00Z",
        "2020-11-21T23:59:60Z",
        "0001-01-01T00:00:00+01:00",
        "9999-12-31T23:59:59-01:00",
        "2020-11-2101:03:09",
        "2020-11-21T01:03:0",
        "20201121T010309Z",
        "2020-1a-21T01:03:09Z",
        "2020-11-21T01:03:09+0a:00",
        "2020-11-21T01:03:09Z ",
        "２０２０-11-21T01:03:09Z",
        "Nov 21 2020",
        "",
    ];

    [Theory]
    [MemberData(nameof(Usual))]
    public void A_usual_time_is_read_digit_by_digit_to_what_the_general_reading_gives(string text)
    {
        IsoTimes.TryParseCommon(Encoding.UTF8.GetBytes(text), out var quick).ShouldBeTrue();
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var general).ShouldBeTrue();
        quick.Ticks.ShouldBe(general.Ticks);
        quick.Offset.ShouldBe(general.Offset);
    }

    [Theory]
    [MemberData(nameof(Declined))]
    public void Any_other_text_is_declined_and_read_as_the_general_reading_reads_it(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        IsoTimes.TryParseCommon(bytes, out _).ShouldBeFalse();
        var general = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expected);
        IsoTimes.TryParse(bytes, out var time).ShouldBe(general);
        time.ShouldBe(expected);
        time.Offset.ShouldBe(expected.Offset);
    }

    [Fact]
    public void Ten_thousand_random_times_in_the_usual_shapes_read_as_the_general_reading_reads_them()
    {
        var random = new Random(20201120);
        string[] fractions = ["", ".1", ".12", ".123", ".1234", ".12345", ".123456", ".1234567"];
        for (var i = 0; i < 10_000; i++)
        {
            var time = new DateTime(2000, 1, 1).AddTicks((long)(random.NextDouble() * TimeSpan.FromDays(365 * 40).Ticks));
            var offset = random.Next(3) switch
            {
                0 => string.Empty,
                1 => "Z",
                _ => $"{(random.Next(2) == 0 ? '+' : '-')}{random.Next(14):D2}:{random.Next(4) * 15:D2}",
            };
            var text = time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + fractions[random.Next(fractions.Length)] + offset;
            IsoTimes.TryParseCommon(Encoding.UTF8.GetBytes(text), out var quick).ShouldBeTrue(text);
            var general = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            (quick.Ticks, quick.Offset).ShouldBe((general.Ticks, general.Offset), text);
        }
    }

    [Fact]
    public void A_time_in_another_shape_is_read_up_to_64_bytes_and_no_longer()
    {
        // Spaces the general reading allows around a time pad it to the limit and one past it.
        var time = "2020-11-21 01:03:09";
        var at64 = Encoding.UTF8.GetBytes(time.PadLeft(64));
        IsoTimes.TryParse(at64, out var read).ShouldBeTrue();
        read.ShouldBe(new DateTimeOffset(2020, 11, 21, 1, 3, 9, TimeSpan.Zero));
        IsoTimes.TryParse(Encoding.UTF8.GetBytes(time.PadLeft(65)), out _).ShouldBeFalse("a text of more than 64 bytes is no time");
    }
}
