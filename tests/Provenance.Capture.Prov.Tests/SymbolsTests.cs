using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Symbols;

namespace Provenance.Capture.Prov.Tests;

/// <summary>The merge's literals (from the survivors of a mutation run on Symbols/): types at the edges, typed parameters, adopted literals.</summary>
public sealed class SymbolsTests
{
    [Theory]
    [InlineData(int.MinValue, "xsd:int")]
    [InlineData(int.MaxValue, "xsd:int")]
    [InlineData((long)int.MinValue - 1, "xsd:long")]
    [InlineData((long)int.MaxValue + 1, "xsd:long")]
    [InlineData(0L, "xsd:int")]
    public void A_whole_number_is_an_int_exactly_while_it_fits_one(long number, string type)
    {
        var symbols = new RecordSymbols(16);
        var text = number.ToString(System.Globalization.CultureInfo.InvariantCulture);

        symbols.LiteralOf(symbols.Literal(number)).ShouldBe(new ProvLiteral(text, type));
        RecordSymbols.LiteralOfValue(number).ShouldBe(new ProvLiteral(text, type));
    }

    [Fact]
    public void Maps_and_lists_read_as_objects_become_their_json_text()
    {
        var map = new Dictionary<string, object?> { ["mode"] = "dry", ["runs"] = new List<object?> { 1618L, 1619L } };
        var list = new List<object?> { "a", null, true };
        var symbols = new RecordSymbols(16);

        RecordSymbols.LiteralOfValue(map).ShouldBe(ProvLiteral.String("""{"mode":"dry","runs":[1618,1619]}"""));
        RecordSymbols.LiteralOfValue(list).ShouldBe(ProvLiteral.String("""["a",null,true]"""));
        symbols.LiteralOf(symbols.Literal((object?)map)).ShouldBe(RecordSymbols.LiteralOfValue(map));
    }

    [Fact]
    public void Only_the_xsd_names_a_literal_may_have_are_known()
    {
        RecordSymbols.KnownXsdName("xsd:unsignedLong"u8).ShouldBe("xsd:unsignedLong");
        RecordSymbols.KnownXsdName("xsd:string"u8).ShouldBe("xsd:string");
        RecordSymbols.KnownXsdName("xsd:gYear"u8).ShouldBeNull();
        RecordSymbols.KnownXsdName("xsd:int "u8).ShouldBeNull();
        RecordSymbols.KnownXsdName(""u8).ShouldBeNull();
    }

    [Fact]
    public void A_parameter_typed_by_its_record_takes_a_type_it_knows_and_keeps_its_own_otherwise()
    {
        // Capture writes a double 2.0 as 2 and names its type in parameter_types.
        var symbols = new RecordSymbols(16);
        var two = symbols.Literal(2L);

        symbols.LiteralOf(symbols.Typed(two, "xsd:double")).ShouldBe(new ProvLiteral("2", "xsd:double"));
        symbols.Typed(two, "xsd:string").ShouldBe(two);
        symbols.Typed(two, "xsd:gYear").ShouldBe(two);
        symbols.Typed(two, null).ShouldBe(two);
        symbols.Typed(0, "xsd:double").ShouldBe(0);
    }

    [Fact]
    public void Each_literal_keeps_the_symbol_of_its_text_and_its_type_whether_made_or_adopted()
    {
        var symbols = new RecordSymbols(16);
        var made = symbols.Literal("1618"u8, LiteralType.Int);
        var text = symbols.Table.Intern("dl1_LST-1.Run01618.h5"u8);

        var adopted = symbols.Adopt(text, LiteralType.String, ProvLiteral.String("dl1_LST-1.Run01618.h5"));

        symbols.KeyOf(made).ShouldBe((symbols.Table.Intern("1618"u8), LiteralType.Int));
        symbols.KeyOf(adopted).ShouldBe((text, LiteralType.String));
        symbols.Adopt(text, LiteralType.String, ProvLiteral.String("dl1_LST-1.Run01618.h5")).ShouldBe(adopted);
        symbols.LiteralCount.ShouldBe(3);
    }

    [Fact]
    public void Items_of_one_symbol_are_ordered_by_the_second_symbol_and_then_kept_in_their_order()
    {
        // Ids sharing a long head (a session id) are ordered by the bytes after it; ties by the second symbol.
        var table = new SymbolTable();
        var first = table.Intern("ent:session_4f1c_0001"u8);
        var second = table.Intern("ent:session_4f1c_0002"u8);
        var z = table.Intern("z"u8);
        var a = table.Intern("a"u8);
        var items = new List<(int Key, int Then, int Seen)> { (second, z, 0), (first, z, 1), (first, a, 2), (first, a, 3) };

        table.Sort(items, i => i.Key, i => i.Then);

        items.Select(i => i.Seen).ShouldBe([2, 3, 1, 0]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_list_already_in_order_is_left_as_it_is(int count)
    {
        var table = new SymbolTable();
        var items = Enumerable.Range(0, count).Select(i => (Key: table.Intern(System.Text.Encoding.UTF8.GetBytes($"act:{i:D4}")), Seen: i)).ToList();
        items.Add((items[^1].Key, count));

        table.Sort(items, i => i.Key);

        items.Select(i => i.Seen).ShouldBe(Enumerable.Range(0, count + 1));
    }

    [Fact]
    public void A_table_grown_past_its_first_slots_still_finds_every_text_as_the_symbol_it_was_given()
    {
        var table = new SymbolTable(expected: 16);
        var capacity = table.Capacity;
        var texts = Enumerable.Range(0, 3 * capacity).Select(i => $"ent:dl1_LST-1.Run{i:D6}.h5").ToList();

        var symbols = texts.Select(t => table.Intern(System.Text.Encoding.UTF8.GetBytes(t))).ToList();

        table.Capacity.ShouldBeGreaterThanOrEqualTo(texts.Count);
        symbols.Distinct().Count().ShouldBe(texts.Count);
        texts.Select(t => table.Intern(System.Text.Encoding.UTF8.GetBytes(t))).ShouldBe(symbols);
        symbols.Select(table.Text).ShouldBe(texts);
    }

    [Fact]
    public void Right_after_the_table_grows_a_new_text_and_the_empty_text_get_symbols_of_their_own()
    {
        // Growing must re-place the symbols there are, and only those: a slot for one past the last would
        // hand the next text's symbol to the empty text.
        var table = new SymbolTable(expected: 16);
        var capacity = table.Capacity;
        for (var i = 0; table.Capacity == capacity; i++)
        {
            table.Intern(System.Text.Encoding.UTF8.GetBytes($"act:{i:D6}"));
        }

        var empty = table.Intern(""u8);
        var next = table.Intern("ent:after_the_growth"u8);

        next.ShouldNotBe(empty);
        table.Text(empty).ShouldBe(string.Empty);
        table.Text(next).ShouldBe("ent:after_the_growth");
    }

    [Fact]
    public void Another_object_becomes_the_text_it_gives_and_an_empty_text_when_it_gives_none()
    {
        RecordSymbols.LiteralOfValue(new Named("LST-1 camera")).ShouldBe(ProvLiteral.String("LST-1 camera"));
        RecordSymbols.LiteralOfValue(new Uri("file:///fefs/R0/LST-1.1.Run01618.0000.fits.fz")).ShouldBe(ProvLiteral.String("file:///fefs/R0/LST-1.1.Run01618.0000.fits.fz"));
        RecordSymbols.LiteralOfValue(new Nameless()).ShouldBe(ProvLiteral.String(string.Empty));
    }

    [Fact]
    public void A_time_literal_is_an_xsd_date_time()
    {
        var time = new DateTimeOffset(2020, 11, 20, 22, 10, 1, 186, TimeSpan.Zero);

        ProvLiteral.DateTime(time).ShouldBe(new ProvLiteral(ProvTime.Format(time), "xsd:dateTime"));
    }

    // An object of no kind a literal knows (not formattable), with a text of its own.
    private sealed class Named(string text)
    {
        public override string ToString() => text;
    }

    // An object whose text is null.
    private sealed class Nameless
    {
        public override string? ToString() => null;
    }
}
