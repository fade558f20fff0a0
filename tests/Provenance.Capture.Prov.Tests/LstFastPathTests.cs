using System.Text;
using Provenance.Capture.Prov.Merge;
using Provenance.Capture.Prov.Readers;
using Provenance.Capture.Prov.Symbols;
using Provenance.Capture.Prov.Writers;

namespace Provenance.Capture.Prov.Tests;

/// <summary>
/// The LST reader's fast ways (byte-level flat records, remembered session lines, shared nested blocks)
/// give the records and documents the general way gives.
/// </summary>
public sealed class LstFastPathTests : IDisposable
{
    private const string P = "__PROV__";
    private const string Time = "2020-11-21T01:03:09.131522";
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-lstfast-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // Dicts the byte-level way takes: every record kind, and the spellings it must read as Python does.
    public static TheoryData<string> Plain =>
    [
        "{'activity_id': 'a1', 'name': 'r0_to_dl1', 'startTime': '2020-11-21T01:03:09.152031', 'in_session': 1605920589, 'agent_name': 'lstanalyzer', 'script': 's.py', 'observation_run': '02006', 'observation_subrun': '0007'}",
        "{'activity_id': 'a1', 'name': 'r0_to_dl1'}",
        "{'activity_id': 'a1', 'name': 'x', 'startTime': None}",
        "{'activity_id': 'a1', 'parameters': {'Run': '02006', 'Threshold': 1.5e-3, 'Pic': 8.0, 'N': 2, 'Big': 12345678901234, 'Neg': -7, 'Flag': True, 'Off': False, 'Comment': None}}",
        "{'activity_id': 'a1', 'parameters': {'T': 8, 'X': '3', 'Y': 2.50}, 'parameter_types': {'T': 'xsd:double', 'X': 'xsd:int', 'Z': 5}}",
        "{'activity_id': 'a1', 'parameters': None}",
        "{'activity_id': 'a1', 'parameters': {}}",
        "{'entity_id': 'e1', 'name': 'R0', 'location': '/a/b.fits', 'hash': 'h', 'hash_type': 'md5', 'contentType': 'application/fits', 'size': 1234}",
        "{'entity_id': 'e1', 'name': 'R0', 'filepath': '/a/b.fits'}",
        "{'entity_id': 'e1', 'filepath': '/x', 'location': '/y'}",
        "{'entity_id': 'e1', 'size': ' 42 '}",
        "{'entity_id': 'e1', 'size': 'big'}",
        "{'activity_id': 'a1', 'used_role': 'R0 subrun', 'used_id': 'e1'}",
        "{'activity_id': 'a1', 'generated_role': 'DL1 subrun', 'generated_id': 'e2'}",
        "{'entity_id': 'd', 'progenitor_id': 'a'}",
        "{'entity_id': 'c', 'member_id': 'd', 'type': 'FileCollection'}",
        "{'activity_id': 'a1', 'endTime': '2020-11-21T01:05:01.000000', 'status': 'failed', 'exception_type': 'ValueError', 'exception_message': 'bad value'}",
        "{'activity_id': 'a1', 'name': 'x', 'run': 7, 'observation_run': '02006', 'subrun': None, 'observation_subrun': '0003'}",
        "{'activity_id': 'a1', 'name': 'x', 'name': 'y'}",
        "{\"activity_id\": \"a1\", \"name\": \"café ☃\", 'agent_name': \"\"}",
        "{'entity_id': 'e1' , 'name' : 'R0' ,}",
        "{'entity_id': 'e1', 'missing': True, 'value': 3.25}",
        "{'entity_id': 'e1', 'missing': False, 'value': 'x'}",
        "{'entity_id': 'e1', 'value': -12, 'archive_path': '/arch/e1', 'problem': 'p', 'collection': 'c'}",
        "{'entity_id': 'e1', 'extra': 5, 'note': 'x', 'flag': None}",
        "{'activity_id': 'a1', 'name': 12, 'in_session': -5, 'parent_activity_id': 'a0', 'status': True}",
        "{'activity_id': 'a1', 'name': 'x', 'observation_date': 20201120, 'session_tag': 'tag'}",
        "{'activity_id': 'a1', 'name': 'x', 'in_session': 1e3}",
        "{'activity_id': 'a1', 'used_id': 'e1', 'used_role': 'r', 'filepath': '/only/an/entity/has/one'}",
    ];

    // Dicts the byte-level way leaves to the general way: escapes, nesting, odd spellings, problems.
    public static TheoryData<string> Unusual =>
    [
        "{'entity_id': 'e1', 'location': 'C:\\\\data'}",
        "{'activity_id': 'a1', 'endTime': '2020-13-45T99:99:99'}",
        "{'activity_id': 'a1', 'endTime': 5}",
        "{'activity_id': 'a1', 'used': [{'id': 'x', 'role': 'r'}]}",
        "{'session_id': 1, 'name': 'provprocess.py'}",
        "{'entity_id': 'e' 'x'}",
        "{'entity_id': r'e1'}",
        "{'activity_id': 'a1', 'name': 'x', 'in_session': 1_000}",
        "{'entity_id': '''e1'''}",
        "{'entity_id': 'e1', 'name",
        "{'entity_id': 'e1', 'value': nan}",
        "{'entity_id': 'e1', 'value': 12345678901234567890}",
        "{'activity_id': 'a1', 'parameters': {'a': [1, 2]}}",
        "{'activity_id': 'a1', 'parameters': {'a': 1, 'a': 2}}",
        "{'activity_id': 'a1', 'parameters': {'a': 1}, 'parameters': {'b': 2}}",
        "{'entity_id': 'e1', 'system': 'x'}",
        " {'entity_id': 'e1'}",
        "{'entity_id': 'e1'} trailing",
        "{'entity_id': 'e1', 'name': 'x'\u000b}",
        "{'entity_id': 'e1', 'name': 0x10}",
        "{'entity_id': 'e1', 'name': Nonesuch}",
        "{1: 'e1'}",
        "['entity_id', 'e1']",
        "{'nothing': 'known'}",

        // Cut at each place where the byte-level way looks one byte ahead.
        "{'entity_id': 'e1', ",
        "{'entity_id': ",
        "{'entity_id': 'e1', 'name': ",
        "{'entity_id': ''",
        "{'entity_id': 'e1'",
        "{'entity_id': 'e1', 'missing': True",
        "{'entity_id': 'e1', 'size': 42",
    ];

    [Theory]
    [MemberData(nameof(Plain))]
    public void A_plain_record_takes_the_byte_level_way_and_decodes_as_the_general_way_does(string dict)
        => Compare($"{P}{Time}{P}{dict}").ShouldBeTrue("the byte-level way declined a plain record");

    [Theory]
    [MemberData(nameof(Unusual))]
    public void An_unusual_record_is_left_to_the_general_way(string dict)
        => Compare($"{P}{Time}{P}{dict}").ShouldBeFalse("the byte-level way took a line it must leave");

    [Fact]
    public void A_start_without_its_own_time_takes_the_line_time_and_a_line_time_that_is_no_time_is_left_to_the_general_way()
    {
        Compare($"{P}{Time}{P}{{'activity_id': 'a1', 'name': 'x'}}").ShouldBeTrue();
        Compare($"{P}2020-13-45T99:99:99{P}{{'activity_id': 'a1', 'name': 'x'}}").ShouldBeFalse();
        Compare($"{P}2020-13-45T99:99:99{P}{{'activity_id': 'a1', 'used_id': 'e', 'used_role': 'r'}}").ShouldBeTrue("only a start takes the line's time");
    }

    [Fact]
    public void Parameters_and_their_types_of_one_line_are_not_carried_to_the_next()
    {
        var log = Path.Combine(_directory, "parameters.log");
        File.WriteAllLines(log,
        [
            $"{P}{Time}{P}{{'activity_id': 'a1', 'parameters': {{'T': 8, 'X': '3'}}, 'parameter_types': {{'T': 'xsd:double', 'X': 'xsd:int'}}}}",
            $"{P}{Time}{P}{{'activity_id': 'a2', 'parameters': {{'T': 9}}}}",
            $"{P}{Time}{P}{{'activity_id': 'a3', 'used_id': 'e1', 'used_role': 'r'}}",
        ]);

        var fast = Records(log, fastPaths: true);

        fast.ShouldBe(Records(log, fastPaths: false));
        fast[1].ShouldContain("ParameterTypes=[]");
        fast[2].ShouldContain("Parameters=[]");
    }

    [Fact]
    public void A_repeated_session_line_is_handed_with_each_line_time_and_interleaved_sessions_stay_apart()
    {
        var config = "{'tailcut': {" + string.Join(", ", Enumerable.Range(0, 40).Select(i => $"'k{i}': {i}.5")) + "}}";
        string Session(int id) => $"{{'session_id': {id}, 'name': 'provprocess.py', 'observation_run': '0{id}', 'config': {config}, 'system': {{'node': 'cp{id}', 'os': 'Linux'}}}}";
        var log = Path.Combine(_directory, "sessions.log");
        File.WriteAllLines(log,
        [
            $"{P}2020-11-21T01:00:00{P}{Session(1)}",
            $"{P}2020-11-21T01:00:01{P}{Session(2)}",
            $"{P}2020-11-21T01:00:02{P}{Session(1)}",
            $"{P}2020-11-21T01:00:03{P}{Session(2)}",
            $"{P}2020-11-21T01:00:04{P}{Session(1)}",
        ]);

        var fast = Records(log, fastPaths: true);
        var general = Records(log, fastPaths: false);
        for (var i = 0; i < general.Count; i++)
        {
            fast[i].ShouldBe(general[i], $"record {i + 1}");
        }

        fast.Count.ShouldBe(5);
        fast[4].ShouldContain("StartTime=11/21/2020 01:00:04 +00:00");
        fast[1].ShouldNotBe(fast[0]);
    }

    [Fact]
    public void A_nested_block_seen_before_is_shared_and_one_that_differs_after_its_start_is_not()
    {
        var cache = new LiteralCache();
        var block = "{'packages': [" + string.Join(", ", Enumerable.Range(0, 30).Select(i => $"{{'name': 'p{i}', 'version': '1.{i}'}}")) + "], 'n': ";
        var first = (Dictionary<string, object?>)PythonLiteral.Parse($"{{'system': {block}1}}}}", 0, cache)!;
        var again = (Dictionary<string, object?>)PythonLiteral.Parse($"{{'system': {block}1}}}}", 0, cache)!;
        var changed = (Dictionary<string, object?>)PythonLiteral.Parse($"{{'system': {block}2}}}}", 0, cache)!;

        again["system"].ShouldBeSameAs(first["system"]);
        again.ShouldNotBeSameAs(first, "the outermost dict is the caller's to change");
        ((Dictionary<string, object?>)changed["system"]!)["n"].ShouldBe(2L);
        ((Dictionary<string, object?>)first["system"]!)["n"].ShouldBe(1L);
        RecordText.Show(changed).ShouldBe(RecordText.Show(PythonLiteral.Parse($"{{'system': {block}2}}}}")));
    }

    [Fact]
    public void A_shared_block_is_still_refused_where_it_would_nest_too_deep()
    {
        var cache = new LiteralCache();
        var deep = new string('[', 10) + string.Join(", ", Enumerable.Range(0, 100)) + new string(']', 10);
        PythonLiteral.Parse($"{{'a': {deep}}}", 0, cache);
        var nesting = PythonLiteral.MaxDepth - 6;
        var text = $"{{'a': {new string('[', nesting)}{deep}{new string(']', nesting)}}}";
        Should.Throw<FormatException>(() => PythonLiteral.Parse(text, 0, cache)).Message.ShouldContain($"nested deeper than {PythonLiteral.MaxDepth} levels");
    }

    [Theory]
    [InlineData(Granularity.Subrun)]
    [InlineData(Granularity.Run)]
    public void An_lstosa_shaped_log_merges_to_the_same_document_byte_for_byte_with_and_without_the_fast_ways(Granularity granularity)
    {
        var log = LstosaShapedLog();
        var fast = Path.Combine(_directory, $"fast-{granularity}.prov.json");
        var general = Path.Combine(_directory, $"general-{granularity}.prov.json");
        var fastResult = ProvenanceMerger.Merge([log], new MergeOptions { Granularity = granularity });
        var generalResult = ProvenanceMerger.Merge([log], new MergeOptions { Granularity = granularity, LstFastPaths = false });
        ProvOutput.Write(fastResult.Graph, fast);
        ProvOutput.Write(generalResult.Graph, general);

        fastResult.RecordsRead.ShouldBe(generalResult.RecordsRead);
        fastResult.Problems.Select(p => p.ToString()).ShouldBe(generalResult.Problems.Select(p => p.ToString()));
        fastResult.Problems.Count.ShouldBe(2, "the cut line and the impossible time");
        File.ReadAllBytes(fast).ShouldBe(File.ReadAllBytes(general));
        fastResult.Document.Activities.Count.ShouldBe(granularity == Granularity.Subrun ? 3 * 4 : 4);
    }

    // Three jobs of four calls, the session block before each call, and a few lines of every unusual kind.
    private string LstosaShapedLog()
    {
        var lines = new List<string>();
        var packages = string.Join(", ", Enumerable.Range(0, 60).Select(i => $"{{'name': 'package-{i}', 'version': '{i % 7}.{i % 5}'}}"));
        var config = "{" + string.Join(", ", Enumerable.Range(0, 12).Select(i => $"'section{i}': {{'a': {i}.5, 'b': 'text {i}', 'c': [1, 2, {i}], 'd': None}}")) + "}";
        var clock = new DateTime(2020, 11, 21, 1, 0, 0, DateTimeKind.Utc);
        string Now() => (clock = clock.AddMilliseconds(7)).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture);
        void Line(string dict) => lines.Add($"{P}{Now()}{P}{dict}");
        for (var job = 0; job < 3; job++)
        {
            var session = $"{{'session_id': {1605920589 + job}, 'name': 'provprocess.py', 'observation_run': '02006', 'session_tag': 'r0_to_dl1:02006.000{job}', "
                + $"'config': {config}, 'system': {{'executable': '/opt/python', 'node': 'cp{job:D2}', 'python': {{'packages': [{packages}]}}, 'environment': {{'PATH': '/usr/bin:/bin', 'HOME': '/home/lst'}}}}}}";
            for (var call = 0; call < 4; call++)
            {
                Line(session);
                var activity = $"act-{job}-{call}";
                Line($"{{'activity_id': '{activity}', 'name': 'step{call}', 'in_session': {1605920589 + job}, 'agent_name': 'lstanalyzer', 'observation_run': '02006', 'observation_subrun': '000{job}'}}");
                Line($"{{'activity_id': '{activity}', 'parameters': {{'Threshold': {call}.5, 'N': {call}, 'Flag': True, 'Comment': None{(call == 0 ? ", 'Path': 'C:\\\\cfg'" : "")}}}}}");
                var input = $"file-{job}-{call}";
                var output = $"file-{job}-{call + 1}";
                Line($"{{'entity_id': '{input}', 'name': 'Input', 'location': '/data/{input}.h5', 'hash': '{input}', 'hash_type': 'md5', 'size': {1000 + call}}}");
                Line($"{{'activity_id': '{activity}', 'used_role': 'input', 'used_id': '{input}'}}");
                Line($"{{'entity_id': '{output}', 'name': 'Output', 'filepath': '/data/{output}.h5', 'hash': '{output}', 'hash_type': 'md5'}}");
                Line($"{{'activity_id': '{activity}', 'generated_role': 'output', 'generated_id': '{output}'}}");
                Line($"{{'entity_id': '{output}', 'progenitor_id': '{input}'}}");
                Line($"{{'entity_id': 'coll-{job}', 'name': 'Outputs', 'location': '/data', 'type': 'FileCollection'}}");
                Line($"{{'entity_id': 'coll-{job}', 'member_id': '{output}'}}");
                Line(call == 3
                    ? $"{{'activity_id': '{activity}', 'endTime': '{Now()}', 'status': 'failed', 'exception_type': 'ValueError', 'exception_message': 'it\\'s \"bad\"'}}"
                    : $"{{'activity_id': '{activity}', 'endTime': '{Now()}'}}");
            }
        }

        Line("{'activity_id': 'act-0-0', 'endTime': '2020-13-45T99:99:99'}");
        Line("{'entity_id': 'file-0-0', 'name");
        var path = Path.Combine(_directory, "lstosa-shaped.log");
        File.WriteAllLines(path, lines);
        return path;
    }

    // Decodes one line both ways; true when the byte-level way took it (and then gave the general way's record).
    private static bool Compare(string line)
    {
        var symbols = new RecordSymbols(1024);
        var bytes = Encoding.UTF8.GetBytes(line);
        var general = LstProvReader.Decode(line, "x.log", 1, out var problem);
        var expected = new DecodedRecord();
        if (general is not null)
        {
            expected.Load(general, symbols);
        }

        if (!LstLineDecoder.Locate(bytes, out var time, out var dict))
        {
            return false;
        }

        var fast = new DecodedRecord();
        if (!new LstFlatDecoder(symbols).TryDecode(bytes, time, dict, fast))
        {
            return false;
        }

        general.ShouldNotBeNull("the byte-level way took a line the general way refuses");
        problem.ShouldBeNull("the byte-level way took a line the general way finds a problem in");
        RecordText.Of(fast).ShouldBe(RecordText.Of(expected));
        return true;
    }

    private static List<string> Records(string log, bool fastPaths)
    {
        var reader = new LogReader { LstFastPaths = fastPaths };
        var collected = new Collect();
        reader.Scan([log], new RecordSymbols(1024), collected);
        reader.ProblemCount.ShouldBe(0);
        return collected.Records;
    }

    private sealed class Collect : IRecordConsumer
    {
        public List<string> Records { get; } = [];

        public void Take(DecodedRecord record) => Records.Add(RecordText.Of(record));
    }
}
