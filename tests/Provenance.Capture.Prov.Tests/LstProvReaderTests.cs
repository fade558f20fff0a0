using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Merge;
using Provenance.Capture.Prov.Readers;
using Provenance.Capture.Records;

namespace Provenance.Capture.Prov.Tests;

public sealed class LstProvReaderTests(NightFixture night) : IClassFixture<NightFixture>, IDisposable
{
    private const string P = "__PROV__";
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-lst-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static readonly string[] Night =
    [
        $"{P}2020-11-21T01:03:09.131522{P}{{'session_id': 1605920589, 'name': 'provprocess.py', 'observation_date': '20201120', 'observation_run': '02006', 'system': {{'executable': '/fefs/home/lstanalyzer/.conda/envs/osa/bin/python', 'argv': ['provprocess.py', '-c', 'cfg/sequencer.cfg'], 'python_version': '3.7.7', 'os': 'Linux'}}, 'session_tag': 'r0_to_dl1:02006.0007', 'software_version': 'v0.4.0'}}",
        $"{P}2020-11-21T01:03:09.152031{P}{{'activity_id': '6f0e9d87-5d4c-4a8e-9c57-6e1b0f3d0c55', 'name': 'r0_to_dl1', 'startTime': '2020-11-21T01:03:09.152031', 'in_session': 1605920589, 'agent_name': 'lstanalyzer', 'script': 'lstchain_data_r0_to_dl1.py', 'observation_run': '02006', 'observation_subrun': '0007'}}",
        $"{P}2020-11-21T01:03:09.152553{P}{{'activity_id': '6f0e9d87-5d4c-4a8e-9c57-6e1b0f3d0c55', 'parameters': {{'ObservationRun': '02006', 'ObservationSubRun': '0007', 'Threshold': 1.5e-3, 'UseFlatfield': True, 'Comment': None, 'Note': \"it's the \\\"best\\\" night\"}}}}",
        $"{P}2020-11-21T01:03:09.160000{P}{{'entity_id': 'a1b2c3', 'name': 'R0SubrunDataset', 'location': '/fefs/aswg/data/real/R0/20201120/LST-1.1.Run02006.0007.fits.fz', 'hash': 'a1b2c3', 'hash_type': 'md5', 'contentType': 'application/fits'}}",
        $"{P}2020-11-21T01:03:09.160100{P}{{'activity_id': '6f0e9d87-5d4c-4a8e-9c57-6e1b0f3d0c55', 'used_role': 'R0 subrun', 'used_id': 'a1b2c3'}}",
        $"{P}2020-11-21T01:03:09.170000{P}{{'entity_id': 'cfg99', 'name': 'AnalysisConfigFile', 'location': 'C:\\\\lst\\\\cfg\\\\lstchain_standard_config.json', 'hash': 'cfg99', 'hash_type': 'md5'}}",
        $"{P}2020-11-21T01:03:09.170100{P}{{'activity_id': '6f0e9d87-5d4c-4a8e-9c57-6e1b0f3d0c55', 'used_role': 'analysis configuration', 'used_id': 'cfg99'}}",
        $"{P}2020-11-21T01:05:00.000000{P}{{'entity_id': 'd4e5f6', 'name': 'DL1SubrunDataset', 'location': '/fefs/aswg/data/real/DL1/20201120/dl1_LST-1.Run02006.0007.h5', 'hash': 'd4e5f6', 'hash_type': 'md5'}}",
        $"{P}2020-11-21T01:05:00.000100{P}{{'activity_id': '6f0e9d87-5d4c-4a8e-9c57-6e1b0f3d0c55', 'generated_role': 'DL1 subrun', 'generated_id': 'd4e5f6'}}",
        $"{P}2020-11-21T01:05:00.000200{P}{{'entity_id': 'd4e5f6', 'progenitor_id': 'a1b2c3'}}",
        $"{P}2020-11-21T01:05:00.000300{P}{{'entity_id': 'coll1', 'name': 'DL1Collection', 'location': '/fefs/aswg/data/real/DL1/20201120', 'type': 'FileCollection'}}",
        $"{P}2020-11-21T01:05:00.000400{P}{{'entity_id': 'coll1', 'member_id': 'd4e5f6'}}",
        $"{P}2020-11-21T01:05:01.000000{P}{{'activity_id': '6f0e9d87-5d4c-4a8e-9c57-6e1b0f3d0c55', 'endTime': '2020-11-21T01:05:01.000000'}}",
    ];

    [Theory]
    [InlineData("{'a': None}", "a", null)]
    [InlineData("{'a': True, 'b': False}", "a", true)]
    [InlineData("{'path': 'C:\\\\data\\\\run.fits'}", "path", "C:\\data\\run.fits")]
    [InlineData("{'q': \"it's\"}", "q", "it's")]
    [InlineData("{'q': 'say \\'hi\\''}", "q", "say 'hi'")]
    [InlineData("{'u': 'caf\\xe9 \\u00e9'}", "u", "café é")]
    [InlineData("{'n': -12}", "n", -12L)]
    [InlineData("{'x': 1.5e-3}", "x", 0.0015)]
    [InlineData("{'raw': r'\\d+'}", "raw", "\\d+")]
    [InlineData("{'keep': 'a\\qb'}", "keep", "a\\qb")]
    [InlineData("{'e': 'n\\n t\\t r\\r z\\0 a\\a b\\b f\\f v\\v'}", "e", "n\n t\t r\r z\0 a\a b\b f\f v\v")]
    [InlineData("{'e': 'joined \\\nline'}", "e", "joined line")]
    [InlineData("{'e': '\\U0001F600 \\\" \\\\'}", "e", "\U0001F600 \" \\")]
    [InlineData("{'e': \"\"\"it's \"quoted\" \\t\"\"\"}", "e", "it's \"quoted\" \t")]
    [InlineData("{'e': b'bytes', 'f': u'text'}", "f", "text")]
    [InlineData("{'big': 1_000_000}", "big", 1000000L)]
    [InlineData("{'r': 2_5.0_1}", "r", 25.01)]
    [InlineData("{'x': nan, 'y': inf}", "y", double.PositiveInfinity)]
    [InlineData("{'x': +7}", "x", 7L)]
    [InlineData("{'x': 3, 'y':-2}", "y", -2L)]
    public void Python_literals_parse_as_python_would(string text, string key, object? expected)
    {
        var dict = (Dictionary<string, object?>)PythonLiteral.Parse(text)!;
        dict[key].ShouldBe(expected);
    }

    [Theory]
    [InlineData("True", "true")]
    [InlineData("False", "false")]
    [InlineData("0.1", "0.1")]
    [InlineData("1e300", "1E+300")]
    [InlineData("-7", "-7")]
    [InlineData("12345678901234567890", "12345678901234567890")]
    [InlineData("'x'", "x")]
    [InlineData("None", null)]
    [InlineData("[1]", null)]
    [InlineData("{'a': 1}", null)]
    public void A_field_reads_as_invariant_text_and_a_list_or_map_as_none(string literal, string? text)
    {
        var record = LstProvReader.Decode($"__PROV__2020-11-21T01:03:09__PROV__{{'entity_id': 'e1', 'name': {literal}}}", "x.log", 1, out var problem);

        problem.ShouldBeNull();
        record.ShouldNotBeNull().Text("name").ShouldBe(text);
    }

    [Fact]
    public void Nested_dicts_lists_and_tuples_parse()
    {
        var value = (Dictionary<string, object?>)PythonLiteral.Parse("{'system': {'argv': ['a', 'b'], 'v': (3, 7), 'empty': {}}, 'trailing': [1, 2,],}")!;
        var system = (Dictionary<string, object?>)value["system"]!;
        ((List<object?>)system["argv"]!).ShouldBe(["a", "b"]);
        ((List<object?>)system["v"]!).ShouldBe([3L, 7L]);
        ((Dictionary<string, object?>)system["empty"]!).ShouldBeEmpty();
        ((List<object?>)value["trailing"]!).Count.ShouldBe(2);
    }

    [Fact]
    public void Whitespace_may_stand_wherever_python_allows_it()
    {
        var spaced = (Dictionary<string, object?>)PythonLiteral.Parse("  {\t'a' :\n [ 1 ,\t2 , ] ,  'b' : ( 3 , ) , 'c' : { } , 'd' : { 'e' : None } ,  }  ")!;
        var tight = (Dictionary<string, object?>)PythonLiteral.Parse("{'a':[1,2,],'b':(3,),'c':{},'d':{'e':None},}")!;
        spaced.Keys.ShouldBe(["a", "b", "c", "d"]);
        ((List<object?>)spaced["a"]!).ShouldBe([1L, 2L]);
        ((List<object?>)spaced["b"]!).ShouldBe([3L]);
        ((Dictionary<string, object?>)spaced["c"]!).ShouldBeEmpty();
        ((Dictionary<string, object?>)spaced["d"]!)["e"].ShouldBeNull();
        ((List<object?>)tight["a"]!).ShouldBe([1L, 2L]);
        PythonLiteral.Parse("[ ]").ShouldBe(new List<object?>());
        PythonLiteral.Parse("( )").ShouldBe(new List<object?>());
    }

    [Theory]
    [InlineData("r'\\d\\n'", "\\d\\n")]
    [InlineData("R'\\d'", "\\d")]
    [InlineData("rb'\\x'", "\\x")]
    [InlineData("br'\\x'", "\\x")]
    [InlineData("b'\\x41'", "A")]
    [InlineData("u'\\u00e9'", "é")]
    [InlineData("'''it's'''", "it's")]
    [InlineData("\"\"\"two \"\" quotes\"\"\"", "two \"\" quotes")]
    [InlineData("'''a''' ", "a")]
    [InlineData("''", "")]
    [InlineData("'x'", "x")]
    [InlineData("'ab\\'c'", "ab'c")]
    [InlineData("'\\\\'", "\\")]
    [InlineData("'\\x41'", "A")]
    [InlineData("'con' \"cat\"  'ena'\t'ted'", "concatenated")]
    [InlineData("'a''\\n'", "a\n")]
    public void Strings_of_every_prefix_and_quote_parse_as_python_would(string literal, string expected)
        => PythonLiteral.Parse(literal).ShouldBe(expected);

    [Theory]
    [InlineData("r", "column 1: 'r' is not a Python literal (expected None, True, False, a number, a string, a dict or a list)")]
    [InlineData("rb", "column 1: 'rb' is not a Python literal (expected None, True, False, a number, a string, a dict or a list)")]
    [InlineData("'''never closed''", "column 18: string is never closed (a line cut mid-write?)")]
    [InlineData("'ends with a backslash\\", "column 24: string is never closed (a line cut mid-write?)")]
    [InlineData("'\\x4", "column 4: bad \\x/\\u escape: expected 2 hex digits")]
    [InlineData("[1, 2", "column 6: expected ']' but the line ends (a line cut mid-write?)")]
    [InlineData("{'a': 1 'b': 2}", "column 9: expected '}' but found '''")]
    public void Cut_or_malformed_strings_and_containers_say_where(string literal, string message)
        => Should.Throw<FormatException>(() => PythonLiteral.Parse(literal)).Message.ShouldBe(message);

    [Fact]
    public void Containers_nest_to_sixty_four_levels_and_no_deeper()
    {
        var deepest = new string('[', PythonLiteral.MaxDepth) + new string(']', PythonLiteral.MaxDepth);
        var value = PythonLiteral.Parse(deepest);
        for (var level = 1; level < PythonLiteral.MaxDepth; level++)
        {
            value = ((List<object?>)value!).ShouldHaveSingleItem();
        }

        ((List<object?>)value!).ShouldBeEmpty();
        var deeper = "[" + deepest + "]";
        Should.Throw<FormatException>(() => PythonLiteral.Parse(deeper)).Message.ShouldBe($"column {PythonLiteral.MaxDepth + 1}: nested deeper than {PythonLiteral.MaxDepth} levels");
    }

    [Theory]
    [InlineData("{'a': 'never closed")]
    [InlineData("{'a': 1")]
    [InlineData("{'a': null}")]
    [InlineData("{'a': 1} extra")]
    public void Malformed_literals_are_errors_with_a_column(string text)
        => Should.Throw<FormatException>(() => PythonLiteral.Parse(text)).Message.ShouldStartWith("column ");

    [Theory]
    [InlineData("{'a': ", "column 7: unexpected end of line (a line cut mid-write?)")]
    [InlineData("{'a': @}", "column 7: unexpected '@'")]
    [InlineData("{'a' 1}", "column 6: expected ':' but found '1'")]
    [InlineData("{'a': 1", "column 8: expected '}' but the line ends (a line cut mid-write?)")]
    [InlineData("{'a': 'x\\x4'}", "column 11: bad \\x/\\u escape: expected 2 hex digits")]
    [InlineData("{'a': '\\u12'}", "column 10: bad \\x/\\u escape: expected 4 hex digits")]
    [InlineData("{'a': 'never closed", "column 20: string is never closed (a line cut mid-write?)")]
    [InlineData("{'a': null}", "column 7: 'null' is not a Python literal (expected None, True, False, a number, a string, a dict or a list)")]
    [InlineData("{'a': 1.2.3}", "column 7: '1.2.3' is not a number")]
    [InlineData("{'a': 1} extra", "column 10: unexpected text after the literal")]
    public void Each_malformed_literal_says_where_and_what_was_expected(string text, string message)
        => Should.Throw<FormatException>(() => PythonLiteral.Parse(text)).Message.ShouldBe(message);

    [Fact]
    public void Lines_that_are_not_records_are_skipped_and_bad_times_dropped_each_with_what_was_expected()
    {
        const string Activity = "'activity_id': 'a1', 'name': 'r0_to_dl1', 'in_session': 1";
        (string Line, string Message, bool Kept)[] cases =
        [
            ("no prefix here", "expected __PROV__<time>__PROV__<Python dict>", false),
            ($"{P}2020-11-21T01:03:09 only one prefix", "expected __PROV__<time>__PROV__<Python dict>", false),
            ($"{P}2020-11-21T01:03:09{P}[1, 2]", "expected a Python dict after the time", false),
            ($"{P}2020-11-21T01:03:09{P}{{'x': 1}}", "unknown record: none of session_id, activity_id, entity_id with the keys that tell its kind", false),
            ($"{P}2020-11-21T01:03:09{P}{{'a': 1", "not a Python dict literal: column 43: expected '}' but the line ends (a line cut mid-write?)", false),
            ($"{P}2020-11-21T01:03:09{P}{{{Activity}, 'startTime': '2020-13-45T99:99:99'}}", "startTime '2020-13-45T99:99:99' is not a time: the record is kept with its startTime unknown", true),
            ($"{P}2020-11-21T01:03:09{P}{{'activity_id': 'a1', 'endTime': 7}}", "endTime '7' is not a time: the record is kept with its endTime unknown", true),
            ($"{P}2020-11-21T01:03:09{P}{{{Activity}, 'startTime': 'soon', 'endTime': 'later'}}",
                "startTime 'soon' is not a time: the record is kept with its startTime unknown; endTime 'later' is not a time: the record is kept with its endTime unknown", true),
        ];

        foreach (var (line, message, kept) in cases)
        {
            var record = LstProvReader.Decode(line, "night.log", 3, out var problem);
            problem.ShouldBe(new ReadProblem("night.log", 3, message), line);
            (record is not null).ShouldBe(kept, line);
        }

        // The merge reads the same lines through its byte-level path, on one thread and on several (a line
        // without the prefix is neither of the formats it reads).
        var log = Path.Combine(_directory, "bad.log");
        File.WriteAllLines(log, cases.Select(c => c.Line));
        var expected = cases.Select((c, i) => ((long)i + 1, i == 0 ? "neither a CLEF JSON object nor an LST __PROV__ line" : c.Message));
        foreach (var threads in new[] { 1, 2 })
        {
            ProvenanceMerger.Merge([log], new MergeOptions { ReadThreads = threads }).Problems.Select(p => (p.Line, p.Message)).ShouldBe(expected);
        }
    }

    [Fact]
    public void Lines_in_the_lst_format_decode_to_records_of_the_capture_vocabulary()
    {
        var records = Night.Select((line, i) => LstProvReader.Decode(line, "night.log", i + 1, out var problem).ShouldNotBeNull(problem?.ToString())).ToList();
        records.Select(r => r.Kind).ShouldBe(
        [
            RecordKinds.Session, RecordKinds.ActivityStart, RecordKinds.Parameters, RecordKinds.Entity, RecordKinds.Used,
            RecordKinds.Entity, RecordKinds.Used, RecordKinds.Entity, RecordKinds.Generated, RecordKinds.Derivation,
            RecordKinds.Entity, RecordKinds.Membership, RecordKinds.ActivityEnd,
        ]);
        records[0].Text("executable").ShouldBe("/fefs/home/lstanalyzer/.conda/envs/osa/bin/python");
        records[1].Text(RecordFields.Run).ShouldBe("02006");
        var parameters = records[2].Map("parameters")!;
        parameters["Comment"].ShouldBeNull();
        parameters["UseFlatfield"].ShouldBe(true);
        parameters["Note"].ShouldBe("it's the \"best\" night");
        records[5].Text(RecordFields.Location).ShouldBe("C:\\lst\\cfg\\lstchain_standard_config.json");
    }

    [Fact]
    public void Lst_and_clef_logs_merge_into_one_document()
    {
        var lst = Path.Combine(_directory, "lst.log");
        File.WriteAllLines(lst, ["2020-11-21 01:03:09,131 INFO osa: starting", .. Night]);
        var result = ProvenanceMerger.Merge([lst, night.Real.LogPath], new MergeOptions());
        result.Problems.ShouldHaveSingleItem().Line.ShouldBe(1);
        result.UnstartedActivities.ShouldBe(0, "an LST activity starts with its name and start time");
        var document = result.Document;
        var lstActivity = document.Activities["act:6f0e9d87-5d4c-4a8e-9c57-6e1b0f3d0c55"];
        lstActivity.Get("provcap:run").ShouldBe("2006");
        lstActivity.Get("provcap:UseFlatfield").ShouldBe("true");
        lstActivity.Attributes.ContainsKey("provcap:Comment").ShouldBeFalse("None is null, not the text 'None'");
        document.RelationsOf(ProvRelationKind.Used).Count(u => u.Subject == lstActivity.Id).ShouldBe(2);
        document.RelationsOf(ProvRelationKind.WasGeneratedBy).ShouldContain(g => g.Subject == "ent:d4e5f6" && g.Object == lstActivity.Id && g.Role == "DL1 subrun");
        document.RelationsOf(ProvRelationKind.WasDerivedFrom).ShouldContain(d => d.Subject == "ent:d4e5f6" && d.Object == "ent:a1b2c3");
        document.Activities.Values.Count(a => a.Get("prov:label") == "dl1ab").ShouldBe(NightFixture.Runs.Length * NightFixture.SubrunsPerRun);
    }
}
