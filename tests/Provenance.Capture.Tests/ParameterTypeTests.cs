using System.Text.Json;
using Provenance.Capture.Records;
using Provenance.Capture.Tests.Pipeline;

namespace Provenance.Capture.Tests;

/// <summary>Parameters keep their .NET type: the record names the XSD type of every value whose JSON form does not tell it.</summary>
public sealed class ParameterTypeTests : IDisposable
{
    private readonly CaptureFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private static Dictionary<string, string> Types(JsonElement start)
        => start.TryGetProperty("parameter_types", out var types) ? types.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!) : [];

    [Fact]
    public void Doubles_decimals_longs_floats_and_times_are_typed_whatever_their_value()
    {
        var when = new DateTime(2020, 11, 20, 22, 0, 0, DateTimeKind.Utc);
        using (_fixture.Start())
        {
            TestPipeline.TypedStep(2.0, 2.50m, 5L, when, 1f, 3, "x", true);
            TestPipeline.TypedStep(2.5, 3m, 6L, when.AddDays(1), 1.5f, 4, "y", false);
        }

        var starts = _fixture.Records(RecordKinds.ActivityStart);
        starts.Count.ShouldBe(2);
        foreach (var start in starts)
        {
            Types(start).ShouldBe(
                new Dictionary<string, string>
                {
                    ["ratio"] = "xsd:double",
                    ["price"] = "xsd:decimal",
                    ["count"] = "xsd:long",
                    ["when"] = "xsd:dateTime",
                    ["scale"] = "xsd:float",
                },
                ignoreOrder: true);
        }

        starts[0].GetProperty("parameters").GetProperty("ratio").GetRawText().ShouldBe("2", "JSON alone would call it an integer");
        starts[0].GetProperty("parameters").GetProperty("when").GetString().ShouldBe(when.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Strings_ints_and_booleans_need_no_type()
    {
        using (_fixture.Start())
        {
            TestPipeline.GenericStep(7, _fixture.File("in.txt", "x"));
        }

        _fixture.Records(RecordKinds.ActivityStart).ShouldHaveSingleItem().TryGetProperty("parameter_types", out _).ShouldBeFalse();
    }

    [Fact]
    public void Small_and_unsigned_integers_and_times_with_an_offset_are_typed_too()
    {
        var input = _fixture.File("in.txt", "x");
        var when = new DateTimeOffset(2020, 11, 20, 22, 0, 0, TimeSpan.FromHours(1));
        using (_fixture.Start())
        {
            TestPipeline.GenericStep((short)-3, input);
            TestPipeline.GenericStep((sbyte)-4, input);
            TestPipeline.GenericStep((byte)5, input);
            TestPipeline.GenericStep((ushort)6, input);
            TestPipeline.GenericStep(7u, input);
            TestPipeline.GenericStep(8ul, input);
            TestPipeline.GenericStep(when, input);
        }

        var starts = _fixture.Records(RecordKinds.ActivityStart);
        starts.Select(s => Types(s)["label"]).ShouldBe(["xsd:short", "xsd:byte", "xsd:unsignedByte", "xsd:unsignedShort", "xsd:unsignedInt", "xsd:unsignedLong", "xsd:dateTime"]);
        starts.Take(6).Select(s => s.GetProperty("parameters").GetProperty("label").GetRawText()).ShouldBe(["-3", "-4", "5", "6", "7", "8"], "numbers stay numbers");
        starts[6].GetProperty("parameters").GetProperty("label").GetString().ShouldBe("2020-11-20T22:00:00.0000000+01:00");
    }
}
