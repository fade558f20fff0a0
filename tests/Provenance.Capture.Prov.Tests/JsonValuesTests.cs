using System.Numerics;
using System.Text;
using System.Text.Json;
using Provenance.Capture.Prov.Readers;
using Provenance.Capture.Records;

namespace Provenance.Capture.Prov.Tests;

/// <summary>
/// A session record's open-ended fields as plain values: every JSON value as the .NET value it stands for,
/// the vocabulary's field names as its own strings, and blocks of 64 bytes or more that repeat from job to
/// job read once and shared, within a bound.
/// </summary>
public sealed class JsonValuesTests
{
    private static Dictionary<string, object?> Read(string json, JsonBlocks? blocks = null) => JsonValues.Object(Encoding.UTF8.GetBytes(json), blocks);

    [Fact]
    public void Every_json_value_becomes_the_plain_value_it_stands_for()
    {
        var values = Read("""
            {"text":"a \"quoted\" \u00e9","int":-42,"max":9223372036854775807,"big":123456789012345678901234567890,"negbig":-99999999999999999999,
             "real":2.5,"exp":1e3,"yes":true,"no":false,"none":null,"list":[1,"two",[3],{"four":4}],"map":{"inner":{"deep":[]}},"empty":{},
             "na\u006de":"escaped name"}
            """);

        values["text"].ShouldBe("a \"quoted\" é");
        values["int"].ShouldBeOfType<long>().ShouldBe(-42L);
        values["max"].ShouldBeOfType<long>().ShouldBe(long.MaxValue);
        values["big"].ShouldBeOfType<BigInteger>().ShouldBe(BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture));
        values["negbig"].ShouldBeOfType<BigInteger>().ShouldBe(BigInteger.Parse("-99999999999999999999", System.Globalization.CultureInfo.InvariantCulture));
        values["real"].ShouldBeOfType<double>().ShouldBe(2.5);
        values["exp"].ShouldBeOfType<double>().ShouldBe(1000.0);
        values["yes"].ShouldBe(true);
        values["no"].ShouldBe(false);
        values.ShouldContainKey("none");
        values["none"].ShouldBeNull();
        var list = values["list"].ShouldBeOfType<List<object?>>();
        list.Count.ShouldBe(4);
        list[0].ShouldBe(1L);
        list[1].ShouldBe("two");
        list[2].ShouldBeOfType<List<object?>>().ShouldBe([3L]);
        list[3].ShouldBeOfType<Dictionary<string, object?>>()["four"].ShouldBe(4L);
        values["map"].ShouldBeOfType<Dictionary<string, object?>>()["inner"].ShouldBeOfType<Dictionary<string, object?>>()["deep"].ShouldBeOfType<List<object?>>().ShouldBeEmpty();
        values["empty"].ShouldBeOfType<Dictionary<string, object?>>().ShouldBeEmpty();
        values["name"].ShouldBe("escaped name");
        values.Count.ShouldBe(14);
    }

    [Fact]
    public void The_vocabulary_s_field_names_are_its_own_strings_and_others_are_read_whatever_their_length()
    {
        const string Line = """{"session_id":"s","@t":"t","SourceContext":"c","ses\u0073ion_tag":"tag","not_in_the_vocabulary":1}""";
        var values = Read(Line);
        var again = Read(Line);

        string Key(Dictionary<string, object?> read, string name) => read.Keys.Single(k => k == name);
        Key(again, RecordFields.SessionId).ShouldBeSameAs(Key(values, RecordFields.SessionId), "one string for the name, not a new one per line");
        Key(again, "SourceContext").ShouldBeSameAs(Key(values, "SourceContext"));
        Key(again, "not_in_the_vocabulary").ShouldNotBeSameAs(Key(values, "not_in_the_vocabulary"));
        values["session_tag"].ShouldBe("tag", "an escaped name is read, not matched as bytes");

        for (var length = 1; length <= 80; length++)
        {
            var name = new string('n', length);
            Read($$"""{"{{name}}":{{length}}}""")[name].ShouldBe((long)length);
        }
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("\"text\"")]
    [InlineData("")]
    [InlineData("{\"a\":1")]
    [InlineData("{\"a\":[1,2}")]
    public void Text_that_is_not_a_whole_json_object_is_refused(string json)
    {
        var error = Should.Throw<JsonException>(() => Read(json));

        if (json.Length > 0 && json[0] != '{')
        {
            error.Message.ShouldBe("expected a JSON object");
        }
    }

    [Fact]
    public void A_block_of_sixty_four_bytes_or_more_read_before_is_shared_and_a_smaller_one_read_again()
    {
        var assemblies = "[" + string.Join(",", Enumerable.Range(0, 8).Select(i => $"\"Assembly{i}, Version=1.0\"")) + "]";
        var small = """{"v":1}""";
        var line = $$"""{"assemblies":{{assemblies}},"small":{{small}},"n":1}""";
        var blocks = new JsonBlocks();

        var first = Read(line, blocks);
        var second = Read(line, blocks);

        Encoding.UTF8.GetByteCount(assemblies).ShouldBeGreaterThanOrEqualTo(JsonBlocks.Smallest);
        Encoding.UTF8.GetByteCount(small).ShouldBeLessThan(JsonBlocks.Smallest);
        second.ShouldNotBeSameAs(first, "the outer object is always new");
        second["assemblies"].ShouldBeSameAs(first["assemblies"]);
        second["small"].ShouldNotBeSameAs(first["small"]);
        second["assemblies"].ShouldBe(first["assemblies"]);
        second["small"].ShouldBe(first["small"]);
        second["n"].ShouldBe(1L, "the members after a shared block are read");
        var exact = "[\"" + new string('a', JsonBlocks.Smallest - 4) + "\"]";
        Read($$"""{"exact":{{exact}}}""", blocks)["exact"].ShouldBeSameAs(Read($$"""{"other":{{exact}}}""", blocks)["other"], "a block of exactly sixty-four bytes");
        Read(line)["assemblies"].ShouldNotBeSameAs(first["assemblies"], "without blocks nothing is shared");
        Read(line.Replace("Assembly7", "Assembly8", StringComparison.Ordinal), blocks)["assemblies"].ShouldNotBeSameAs(first["assemblies"], "one byte apart is another block");
    }

    [Fact]
    public void Blocks_are_kept_up_to_sixteen_mebibytes_and_not_beyond()
    {
        var blocks = new JsonBlocks();
        var large = Encoding.UTF8.GetBytes("\"" + new string('x', (16 << 20) - 104) + "\"");
        var next = Encoding.UTF8.GetBytes("\"" + new string('y', 100) + "\"");
        var beyond = Encoding.UTF8.GetBytes("\"" + new string('z', 100) + "\"");

        blocks.Add(large, "large");
        blocks.Add(next, "next");
        blocks.Add(beyond, "beyond");

        blocks.TryGet(large, out var value).ShouldBeTrue();
        value.ShouldBe("large");
        blocks.TryGet(next, out value).ShouldBeTrue("exactly sixteen mebibytes in all are kept");
        value.ShouldBe("next");
        blocks.TryGet(beyond, out value).ShouldBeFalse();
        value.ShouldBeNull();
        blocks.TryGet(next.AsSpan(0, next.Length - 1), out _).ShouldBeFalse();
    }
}
