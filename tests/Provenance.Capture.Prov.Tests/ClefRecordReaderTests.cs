using System.Reflection;
using System.Text;
using Provenance.Capture.Prov.Readers;
using Provenance.Capture.Prov.Symbols;
using Provenance.Capture.Records;

namespace Provenance.Capture.Prov.Tests;

/// <summary>
/// The byte-level CLEF decoder on its own. It reuses itself and its record from line to line (nothing is
/// allocated for a record whose texts were seen before): a line must decode to the same record whatever line
/// came before it, and to the record its JSON gives through the general way (<see cref="DecodedRecord.Load"/>);
/// values of unexpected shapes are passed over whole, and what it reports names what was written.
/// </summary>
public sealed class ClefRecordReaderTests(NightFixture night) : IClassFixture<NightFixture>
{
    // Lines with the fields the sample night seldom or never writes, each kind after one that set other fields.
    private static readonly string[] Rare =
    [
        """{"@t":"2020-11-20T20:00:00.0000000Z","prov_kind":"activity_start","prov_schema":1,"activity_id":"a1","name":"r0_to_dl1","session_id":"s1","parent_activity_id":"p0","agent_name":"lstosa","run":1618,"subrun":2,"observation_date":"2020-11-20","startTime":"2020-11-20T20:00:00Z","parameters":{"gain":2.5,"big":123456789012345678901234567890,"flag":true,"none":null,"list":[1,2]},"parameter_types":{"gain":"xsd:float","flag":7},"used":[{"used_id":"e1","used_role":"R0"},{"used_id":"e2","used_role":"calibration"}],"generated":[{"generated_id":"e3","generated_role":"DL1"}],"derivations":[{"generated_id":"e3","progenitor_id":"e1"}]}""",
        """{"@t":"2020-11-20T20:00:01.0000000Z","prov_kind":"entity","entity_id":"e9","name":"archive member","type":"File","location":"/data/x.tar","archive_path":"inner/x.fits","hash":"ab12","hash_type":"xxh128","size":42,"contentType":"application/fits","missing":true,"problem":"unreadable","collection":"c1","value":3.5}""",
        """{"@t":"2020-11-20T20:00:02.0000000Z","prov_kind":"activity_end","activity_id":"a1","endTime":"2020-11-20T20:05:00Z","status":"failed","exception_type":"ValueError","exception_message":"bad \"value\""}""",
        """{"@t":"2020-11-20T20:00:03.0000000Z","prov_kind":"membership","entity_id":"c1","member_ids":["e1","e2","e3"]}""",
        """{"@t":"2020-11-20T20:00:04.0000000Z","prov_kind":"membership","collection":"c1","member_id":"e4"}""",
        """{"@t":"2020-11-20T20:00:05.0000000Z","prov_kind":"used","activity_id":"a2","used_id":"e1","used_role":"R0"}""",
        """{"@t":"2020-11-20T20:00:06.0000000Z","prov_kind":"generated","activity_id":"a2","generated_id":"e5","generated_role":"DL2"}""",
        """{"@t":"2020-11-20T20:00:07.0000000Z","prov_kind":"derivation","generated_id":"e5","progenitor_id":"e1"}""",
        """{"@t":"2020-11-20T20:00:08.0000000Z","prov_kind":"activity_start","activity_id":"a3","name":"dl1_to_dl2","startTime":"2020-11-20T20:10:00Z"}""",
        """{"@t":"2020-11-20T20:00:09.0000000Z","prov_kind":"activity_end","activity_id":"a3","endTime":"2020-11-20T20:11:00Z"}""",
        """{"@t":"2020-11-20T20:00:10.0000000Z","prov_kind":"entity","entity_id":"e6"}""",
        """{"@t":"2020-11-20T20:00:11.0000000Z","@m":"another logger's event"}""",
        """{"@t":"2020-11-20T20:00:12.0000000Z","prov_kind":"activity_end","activity_id":"a4","endTime":"not a time"}""",
        """{"@t":"2020-11-20T20:00:13.0000000Z","prov_kind":"entity","entity_id":"e7","name":"cut""",
        """{"@t":"2020-11-20T20:00:14.0000000Z","prov_kind":"entity","entity_id":"e8","prov_schema":{"version":1},"name":"schema as an object"}""",
        """{"@t":"2020-11-20T20:00:16.0000000Z","prov_kind":"activity_start","activity_id":"a6","startTime":"2020-11-20T20:20:00Z","run":"+5","subrun":" 007 "}""",
        """{"@t":"2020-11-20T20:00:17.0000000Z","prov_kind":"activity_start","activity_id":"a7","startTime":"2020-11-20T20:20:00Z","run":"-5","subrun":""}""",
        """{"@t":"2020-11-20T20:00:18.0000000Z","prov_kind":"activity_start","activity_id":"a8","startTime":"2020-11-20T20:20:00Z","run":"12a","subrun":"0"}""",
        """{"@t":"2020-11-20T20:00:19.0000000Z","prov_kind":"activity_start","activity_id":"a9","startTime":"2020-11-20T20:20:00Z","run":1618,"subrun":"01618"}""",
        """{"@t":"2020-11-20T20:00:15.0000000Z","prov_kind":"used","prov_kind":["entity"],"activity_id":"a5","used_id":"e8"}""",
    ];

    [Fact]
    public void Each_line_of_a_real_night_decodes_to_the_record_it_gives_alone()
    {
        string[] lines = [.. File.ReadLines(night.Real.LogPath), .. File.ReadLines(night.DryRun.LogPath)];
        lines.Length.ShouldBeGreaterThan(100);

        Reused(lines).ShouldBe(Alone(lines));
    }

    [Fact]
    public void Each_rare_line_decodes_to_the_record_it_gives_alone_in_any_order()
    {
        var random = new Random(20201120);
        for (var round = 0; round < 20; round++)
        {
            var lines = round == 0 ? Rare : [.. Rare.OrderBy(_ => random.Next())];
            Reused(lines).ShouldBe(Alone(lines), $"order {round}: {string.Join(" | ", lines.Select(l => l[..Math.Min(60, l.Length)]))}");
        }
    }

    [Theory]
    [InlineData("""{"prov_kind":"used","prov_kind":["entity"],"activity_id":"a5","used_id":"e8"}""", "used")]
    [InlineData("""{"prov_kind":"used","prov_kind":{"prov_kind":"entity"},"activity_id":"a5","used_id":"e8"}""", "used")]
    [InlineData("""{"prov_kind":"entity","entity_id":"e8","prov_schema":{"version":1},"name":"n"}""", "entity")]
    [InlineData("""{"prov_kind":"entity","entity_id":"e8","prov_schema":[2],"name":"n"}""", "entity")]
    public void A_kind_or_schema_that_is_an_object_or_an_array_is_passed_over_and_the_record_kept(string line, string kind)
    {
        var record = new DecodedRecord();
        var symbols = new RecordSymbols(16);

        new ClefRecordReader(symbols).Decode(Encoding.UTF8.GetBytes(line), record, out var problem).ShouldBe(ClefRecordReader.Outcome.Record);

        problem.ShouldBeNull();
        record.Kind.ShouldBe(kind);
        symbols.Table.Text(kind == "entity" ? record.Name : record.UsedId).ShouldBe(kind == "entity" ? "n" : "e8", "the fields after it are read");
    }

    [Fact]
    public void A_known_kind_is_the_vocabulary_s_own_text_and_not_a_new_one_for_each_line()
    {
        var reader = new ClefRecordReader(new RecordSymbols(16));
        var record = new DecodedRecord();
        foreach (var kind in RecordKinds.All)
        {
            reader.Decode(Encoding.UTF8.GetBytes($$"""{"prov_kind":"{{kind}}"}"""), record, out _).ShouldBe(ClefRecordReader.Outcome.Record);

            record.Kind.ShouldBeSameAs(kind);
        }
    }

    [Fact]
    public void Each_line_gives_the_record_its_json_gives_through_the_general_way()
    {
        var rare = Path.Combine(night.Directory, $"rare-{Guid.NewGuid():N}.log");
        File.WriteAllLines(rare, Rare.Where(l => l.EndsWith('}') && l.Split("prov_kind").Length == 2 && !l.Contains("not a time", StringComparison.Ordinal)));
        try
        {
            foreach (var log in new[] { night.Real.LogPath, night.DryRun.LogPath, rare })
            {
                var lines = File.ReadLines(log).ToList();
                var expected = ClefOracle.Records(log).ToList();
                var symbols = new RecordSymbols(16);
                var reader = new ClefRecordReader(symbols);
                var record = new DecodedRecord();
                expected.Count.ShouldBe(lines.Count, log);
                for (var i = 0; i < lines.Count; i++)
                {
                    reader.Decode(Encoding.UTF8.GetBytes(lines[i]), record, out var problem).ShouldBe(ClefRecordReader.Outcome.Record);
                    problem.ShouldBeNull();
                    var loaded = new DecodedRecord();
                    loaded.Load(expected[i], symbols);

                    // What the merge does not use of these kinds the byte-level way does not read.
                    if (loaded.Kind is RecordKinds.Entity or RecordKinds.ActivityEnd)
                    {
                        loaded.InSession = 0;
                        loaded.Name = loaded.Kind == RecordKinds.ActivityEnd ? 0 : loaded.Name;
                    }

                    Texts(record, symbols).ShouldBe(Texts(loaded, symbols), $"{log}:{i + 1}");
                }
            }
        }
        finally
        {
            File.Delete(rare);
        }
    }

    // Every field of a record as text: symbols and literals by what they stand for, a session's fields left out (the general way keeps its own shapes).
    private static string Texts(DecodedRecord record, RecordSymbols symbols)
    {
        string Symbol(int symbol) => symbols.Table.Text(symbol) ?? "-";
        string Literal(int literal) => symbols.LiteralOf(literal)?.ToString() ?? "-";
        var fields = typeof(DecodedRecord).GetFields(BindingFlags.Public | BindingFlags.Instance)
            .Where(f => f.FieldType == typeof(int) ? f.Name != nameof(DecodedRecord.Value) : !f.FieldType.IsGenericType || Nullable.GetUnderlyingType(f.FieldType) is not null)
            .Select(f => $"{f.Name}={(f.GetValue(record) is int symbol ? Symbol(symbol) : RecordText.Show(f.GetValue(record)))}");
        return string.Join("; ", fields)
            + $"; Value={Literal(record.Value)}"
            + $"; Parameters=[{string.Join(", ", record.Parameters.Select(p => $"{Symbol(p.Name)}: {Literal(p.Value)}"))}]"
            + $"; Used=[{string.Join(", ", record.Used.Select(p => $"{Symbol(p.Id)} as {Symbol(p.Role)}"))}]"
            + $"; Generated=[{string.Join(", ", record.Generated.Select(p => $"{Symbol(p.Id)} as {Symbol(p.Role)}"))}]"
            + $"; Derivations=[{string.Join(", ", record.Derivations.Select(p => $"{Symbol(p.Generated)} from {Symbol(p.Progenitor)}"))}]"
            + $"; Members=[{string.Join(", ", record.Members.Select(Symbol))}]"
            + $"; Session={record.SessionFields is not null}";
    }

    [Theory]
    [InlineData("""{"prov_kind":"activity_start","parameters":{"count":3,"gain":2,"name":"x"},"parameter_types":{"count":"xsd:unsignedLong","other":"xsd:short"}}""")]
    [InlineData("""{"prov_kind":"activity_start","parameter_types":{"other":"xsd:short","count":"xsd:unsignedLong"},"parameters":{"count":3,"gain":2,"name":"x"}}""")]
    public void The_types_capture_names_are_given_to_their_parameters_whatever_the_order_of_the_fields(string line)
    {
        var symbols = new RecordSymbols(16);
        var record = new DecodedRecord();

        new ClefRecordReader(symbols).Decode(Encoding.UTF8.GetBytes(line), record, out _).ShouldBe(ClefRecordReader.Outcome.Record);

        record.Parameters.Select(p => $"{symbols.Table.Text(p.Name)}={symbols.LiteralOf(p.Value)}")
            .ShouldBe(["count=ProvLiteral { Text = 3, Type = xsd:unsignedLong }", "gain=ProvLiteral { Text = 2, Type = xsd:int }", "name=ProvLiteral { Text = x, Type =  }"]);
    }

    [Fact]
    public void A_field_name_of_any_length_is_read_or_passed_over()
    {
        var reader = new ClefRecordReader(new RecordSymbols(16));
        var record = new DecodedRecord();
        for (var length = 1; length <= 80; length++)
        {
            var line = $$"""{"prov_kind":"entity","{{new string('x', length)}}":"v","entity_id":"e1"}""";

            reader.Decode(Encoding.UTF8.GetBytes(line), record, out var problem).ShouldBe(ClefRecordReader.Outcome.Record, $"a field name of {length} letters");
            problem.ShouldBeNull();
            record.EntityId.ShouldNotBe(0);
        }
    }

    [Theory]
    [InlineData("12", "12")]
    [InlineData("\"2.1\"", "2.1")]
    [InlineData("true", "")]
    [InlineData("null", "")]
    [InlineData("\"\\u0032\"", "")]
    public void An_unknown_kind_is_a_problem_that_names_the_schema_version_as_written(string schema, string shown)
    {
        var line = $$"""{"prov_kind":"teleportation","prov_schema":{{schema}}}""";

        new ClefRecordReader(new RecordSymbols(16)).Decode(Encoding.UTF8.GetBytes(line), new DecodedRecord(), out var problem).ShouldBe(ClefRecordReader.Outcome.Problem);

        problem.ShouldBe(ClefRecordReader.UnknownKind("teleportation", shown));
        problem.ShouldStartWith($"unknown record kind 'teleportation' (schema {shown}); expected one of ");
    }

    [Fact]
    public void A_copy_of_a_record_keeps_what_it_held_when_the_record_is_reused()
    {
        var reader = new ClefRecordReader(new RecordSymbols(16));
        var record = new DecodedRecord();
        var copies = new List<(DecodedRecord Copy, string Held)>();
        foreach (var line in Rare)
        {
            if (reader.Decode(Encoding.UTF8.GetBytes(line), record, out _) == ClefRecordReader.Outcome.Record)
            {
                copies.Add((record.Clone(), RecordText.Of(record)));
            }
        }

        copies.Count.ShouldBeGreaterThan(10);
        copies.ShouldAllBe(c => RecordText.Of(c.Copy) == c.Held);
    }

    [Theory]
    [InlineData("""{"prov_kind":"entity","name":{"entity_id":"evil"},"entity_id":"e1"}""", "e1|-|-|P[]|T[]|U[]|M[]|-|-")]
    [InlineData("""{"prov_kind":"entity","name":["evil"],"entity_id":"e1","type":{"a":[1]}}""", "e1|-|-|P[]|T[]|U[]|M[]|-|-")]
    [InlineData("""{"prov_kind":"activity_start","parameters":[{"name":"evil"}],"activity_id":"a1"}""", "-|a1|-|P[]|T[]|U[]|M[]|-|-")]
    [InlineData("""{"prov_kind":"activity_start","parameters":"gain","parameter_types":[{"name":"evil"}],"activity_id":"a1"}""", "-|a1|-|P[]|T[]|U[]|M[]|-|-")]
    [InlineData("""{"prov_kind":"activity_start","parameter_types":{"a":{"name":"evil"},"b":"xsd:int","c":"not:known","d":5},"activity_id":"a1"}""", "-|a1|-|P[]|T[b:xsd:int]|U[]|M[]|-|-")]
    [InlineData("""{"prov_kind":"activity_start","used":{"used_id":"evil","used_role":"r"},"activity_id":"a1"}""", "-|a1|-|P[]|T[]|U[]|M[]|-|-")]
    [InlineData("""{"prov_kind":"activity_start","used":[["x"],{"used_id":"e1","extra":{"used_id":"evil"}},"str",{"used_id":null,"used_role":"r"},{"used_role":"r2"},{"used_id":"e2","used_role":"r3"}],"activity_id":"a1"}""", "-|a1|-|P[]|T[]|U[e1:-,e2:r3]|M[]|-|-")]
    [InlineData("""{"prov_kind":"membership","member_ids":{"member_id":"evil"},"entity_id":"c1"}""", "c1|-|-|P[]|T[]|U[]|M[]|-|-")]
    [InlineData("""{"prov_kind":"membership","member_ids":[["x"],{"member_id":"evil"},null,"m1",2],"entity_id":"c1"}""", "c1|-|-|P[]|T[]|U[]|M[m1,2]|-|-")]
    [InlineData("""{"prov_kind":"entity","entity_id":"e1","name":null}""", "e1|-|-|P[]|T[]|U[]|M[]|-|-")]
    [InlineData("""{"prov_kind":"entity","entity_id":"e1","name":1.50}""", "e1|-|1.5|P[]|T[]|U[]|M[]|-|-")]
    [InlineData("""{"prov_kind":"entity","entity_id":"e1","name":false}""", "e1|-|false|P[]|T[]|U[]|M[]|-|-")]
    public void A_field_of_another_shape_than_expected_is_passed_over_whole_and_the_fields_after_it_are_read(string line, string expected)
    {
        var symbols = new RecordSymbols(16);
        var record = new DecodedRecord();
        string Symbol(int symbol) => symbols.Table.Text(symbol) ?? "-";

        new ClefRecordReader(symbols).Decode(Encoding.UTF8.GetBytes(line), record, out var problem).ShouldBe(ClefRecordReader.Outcome.Record);

        problem.ShouldBeNull();
        string.Join("|", [
            Symbol(record.EntityId), Symbol(record.ActivityId), Symbol(record.Name),
            $"P[{string.Join(",", record.Parameters.Select(p => Symbol(p.Name)))}]",
            $"T[{string.Join(",", record.ParameterTypes.Select(t => $"{Symbol(t.Name)}:{t.Type}"))}]",
            $"U[{string.Join(",", record.Used.Select(u => $"{Symbol(u.Id)}:{Symbol(u.Role)}"))}]",
            $"M[{string.Join(",", record.Members.Select(Symbol))}]",
            Symbol(record.UsedId), Symbol(record.MemberId)]).ShouldBe(expected);
    }

    [Fact]
    public void Escaped_texts_of_any_length_and_times_in_other_forms_are_read_as_they_stand()
    {
        var symbols = new RecordSymbols(16);
        var reader = new ClefRecordReader(symbols);
        var record = new DecodedRecord();
        var longName = new string('n', 3000) + @"\u00e9";

        reader.Decode(Encoding.UTF8.GetBytes($$"""{"prov_kind":"activity_\u0073tart","name":"{{longName}}","agent_name":"\u0041","startTime":"2020-11-20 21:00:00+01:00"}"""), record, out var problem)
            .ShouldBe(ClefRecordReader.Outcome.Record);

        problem.ShouldBeNull();
        record.Kind.ShouldBe(RecordKinds.ActivityStart);
        symbols.Table.Text(record.Name).ShouldBe(new string('n', 3000) + "é");
        symbols.Table.Text(record.AgentName).ShouldBe("A");
        record.StartTime.ShouldBe(new DateTimeOffset(2020, 11, 20, 20, 0, 0, TimeSpan.Zero));

        reader.Decode(Encoding.UTF8.GetBytes("""{"prov_kind":"activity_end","endTime":"Fri, 20 Nov 2020 20:05:00 GMT"}"""), record, out problem).ShouldBe(ClefRecordReader.Outcome.Record);
        problem.ShouldBeNull();
        record.EndTime.ShouldBe(new DateTimeOffset(2020, 11, 20, 20, 5, 0, TimeSpan.Zero));
    }

    // Every line through one reader and one record, as a scan does.
    private static List<string> Reused(IReadOnlyList<string> lines)
    {
        var symbols = new RecordSymbols(16);
        var reader = new ClefRecordReader(symbols);
        var record = new DecodedRecord();
        return [.. lines.Select(line => Decoded(reader, record, line))];
    }

    // Every line through a reader and a record of its own (one table, so that the symbols are the same numbers).
    private static List<string> Alone(IReadOnlyList<string> lines)
    {
        var symbols = new RecordSymbols(16);
        return [.. lines.Select(line => Decoded(new ClefRecordReader(symbols), new DecodedRecord(), line))];
    }

    private static string Decoded(ClefRecordReader reader, DecodedRecord record, string line)
    {
        var outcome = reader.Decode(Encoding.UTF8.GetBytes(line), record, out var problem);
        return outcome == ClefRecordReader.Outcome.Record
            ? $"{outcome} {problem}: {RecordText.Of(record)}"
            : $"{outcome} {problem}";
    }
}
