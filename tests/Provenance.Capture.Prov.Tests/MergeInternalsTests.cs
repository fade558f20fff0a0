using System.Globalization;
using System.Text;
using System.Text.Json;
using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Merge;
using Provenance.Capture.Prov.Symbols;
using Provenance.Capture.Prov.Writers;

namespace Provenance.Capture.Prov.Tests;

/// <summary>The merge's compact state: symbols, small sets, and the byte-level CLEF decoder against an independent JSON reading.</summary>
public sealed class MergeInternalsTests(NightFixture night) : IClassFixture<NightFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-internals-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // A CLEF log on disk with these lines.
    private string WriteLog(params string[] lines)
    {
        var log = Path.Combine(_directory, Path.GetRandomFileName() + ".log");
        File.WriteAllLines(log, lines);
        return log;
    }

    [Theory]
    [InlineData(Granularity.Subrun, false)]
    [InlineData(Granularity.Run, false)]
    [InlineData(Granularity.Run, true)]
    [InlineData(Granularity.Night, false)]
    public void Clef_lines_decoded_as_bytes_merge_exactly_like_the_same_records_given_as_dictionaries(Granularity granularity, bool members)
    {
        var options = new MergeOptions { Granularity = granularity, IncludeMembers = members };
        var logs = new[] { night.Real.LogPath, night.DryRun.LogPath };
        var streamed = ProvJsonWriter.ToJson(ProvenanceMerger.Merge(logs, options).Graph);

        streamed.ShouldBe(ProvJsonWriter.ToJson(MergedFromRecords(options, logs)));
        streamed.Length.ShouldBeGreaterThan(10_000);
    }

    [Fact]
    public void Derivation_and_membership_records_of_their_own_become_relations_unless_an_id_is_missing()
    {
        // Records a pipeline may write on their own (RecordKinds.Derivation, Membership), outside an activity's end.
        var log = WriteLog(
        [
            """{"prov_kind":"session","prov_schema":1,"session_id":"s"}""",
            """{"prov_kind":"entity","prov_schema":1,"entity_id":"set","name":"Set","type":"FileCollection"}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a","name":"make","startTime":"2020-11-20T22:00:01Z","in_session":"s","used":[{"used_id":"raw"}]}""",
            """{"prov_kind":"activity_end","prov_schema":1,"activity_id":"a","endTime":"2020-11-20T22:00:02Z","status":"succeeded","generated":[{"generated_id":"set"},{"generated_id":"out"}]}""",
            """{"prov_kind":"derivation","prov_schema":1,"entity_id":"out","progenitor_id":"raw"}""",
            """{"prov_kind":"derivation","prov_schema":1,"entity_id":"out"}""",
            """{"prov_kind":"derivation","prov_schema":1,"progenitor_id":"raw"}""",
            """{"prov_kind":"membership","prov_schema":1,"entity_id":"set","member_id":"out"}""",
            """{"prov_kind":"membership","prov_schema":1,"entity_id":"set"}""",
            """{"prov_kind":"membership","prov_schema":1,"member_id":"raw"}""",
        ]);

        foreach (var document in new[] { ProvenanceMerger.Merge([log], new MergeOptions()).Document, MergedFromRecords(new MergeOptions(), log) })
        {
            document.Relations.Where(r => r.Kind == ProvRelationKind.WasDerivedFrom).Select(r => (r.Subject, r.Object)).ShouldBe([("ent:out", "ent:raw")]);
            document.Relations.Where(r => r.Kind == ProvRelationKind.HadMember).Select(r => (r.Subject, r.Object)).ShouldBe([("ent:set", "ent:out")]);
        }
    }

    [Theory]
    [InlineData(Granularity.Subrun)]
    [InlineData(Granularity.Run)]
    public void The_model_s_words_a_session_carries_describe_what_its_activities_use_make_and_are(Granularity granularity)
    {
        // The session record's model_notes (capture writes them, so a merge needs no model file); the record's own
        // fields (kind, schema, session id, Serilog's @t, EventId, SourceContext) are none of its agent's attributes.
        var log = WriteLog(
        [
            """{"@t":"2020-11-20T22:00:00Z","@mt":"PROV","prov_kind":"session","prov_schema":1,"session_id":"s","session_tag":"notes","EventId":{"Id":1},"SourceContext":"Provenance","host":"lst-onsite","model_notes":{"activities":{"calibrate":{"description":"Calibrates the charge","parameters":{"gain":{"unit":"dB","description":"amplifier gain"},"absent":{"unit":"s"}},"used":{"raw data":"the R0 file"},"generated":{"result":"the calibrated file"}}},"entities":{"R0":"a raw camera file","Unused":"never seen"},"agents":{"operator":{"type":"Person","email":"shift@lst","description":"the shifter"},"institute":{"type":"organisation"},"robot":{"type":"arm"}}}}""",
            """{"prov_kind":"entity","prov_schema":1,"entity_id":"r0","name":"R0","type":"File","location":"/data/r0.fits"}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a","name":"calibrate","startTime":"2020-11-20T22:00:01Z","in_session":"s","agent_name":"operator","run":1618,"subrun":1,"parameters":{"gain":3},"used":[{"used_id":"r0","used_role":"raw data"}]}""",
            """{"prov_kind":"activity_end","prov_schema":1,"activity_id":"a","endTime":"2020-11-20T22:00:02Z","status":"succeeded","generated":[{"generated_id":"out","generated_role":"result"}]}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"b","name":"check","startTime":"2020-11-20T22:00:03Z","in_session":"s","agent_name":"institute","run":1618,"subrun":1}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"c","name":"check","startTime":"2020-11-20T22:00:04Z","in_session":"s","agent_name":"robot","run":1618,"subrun":1}""",
        ]);
        var options = new MergeOptions { Granularity = granularity };

        var merged = ProvenanceMerger.Merge([log], options);
        var document = merged.Document;

        var calibrate = document.Activities.Values.Single(a => a.Get("prov:label") == "calibrate");
        calibrate.Get("provcap:description").ShouldBe("Calibrates the charge");
        calibrate.Get("provcap:gain_unit").ShouldBe("dB");
        calibrate.Get("provcap:gain_description").ShouldBe("amplifier gain");
        calibrate.Attributes.Keys.ShouldNotContain("provcap:absent_unit", "a parameter the activity does not have");
        calibrate.Get("provcap:used_raw_data_description").ShouldBe("the R0 file");
        calibrate.Get("provcap:generated_result_description").ShouldBe("the calibrated file");
        document.Entities["ent:r0"].Get("provcap:description").ShouldBe("a raw camera file");
        var operatorAgent = document.Agents["agent:operator"];
        operatorAgent.Attributes["prov:type"].ShouldBe([ProvLiteral.QName("prov:Person")]);
        operatorAgent.Get("provcap:email").ShouldBe("shift@lst");
        operatorAgent.Get("provcap:description").ShouldBe("the shifter");
        document.Agents["agent:institute"].Attributes["prov:type"].ShouldBe([ProvLiteral.QName("prov:Organization")]);
        document.Agents["agent:robot"].Attributes["prov:type"].ShouldBe([ProvLiteral.String("arm")]);

        var session = document.Agents["agent:session_s"];
        session.Attributes.Keys.ShouldBe(["prov:label", "prov:type", "provcap:host", "provcap:session_id", "provcap:session_tag"]);
        session.Get("provcap:host").ShouldBe("lst-onsite");

        // The same words from the records given as maps, and in the PROV-JSON written straight from the symbols.
        ProvJsonWriter.ToJson(MergedFromRecords(options, log)).ShouldBe(ProvJsonWriter.ToJson(document));
        ProvJsonWriter.ToJson(merged.Graph).ShouldBe(ProvJsonWriter.ToJson(document));
    }

    [Fact]
    public void A_call_filtered_out_after_its_end_came_first_is_not_counted_unstarted_and_a_call_without_a_name_is_an_activity()
    {
        // Parallel jobs' logs interleave: an end may be read before its start. A start the filters drop drops
        // what was held back for it; a start without a name is called "activity".
        var log = WriteLog(
        [
            """{"prov_kind":"session","prov_schema":1,"session_id":"s"}""",
            """{"prov_kind":"activity_end","prov_schema":1,"activity_id":"other-run","endTime":"2020-11-20T22:00:02Z","status":"succeeded"}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"other-run","name":"step","startTime":"2020-11-20T22:00:01Z","in_session":"s","run":1619}""",
            """{"prov_kind":"activity_end","prov_schema":1,"activity_id":"nameless","endTime":"2020-11-20T22:00:04Z","status":"succeeded"}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"nameless","startTime":"2020-11-20T22:00:03Z","in_session":"s","run":1618}""",
        ]);
        var options = new MergeOptions();
        options.Runs.Add("1618");

        var result = ProvenanceMerger.Merge([log], options);

        result.UnstartedActivities.ShouldBe(0);
        result.UnstartedRecords.ShouldBe(0);
        result.RecordsRead.ShouldBe(5, "a record held back and taken in later is read once");
        var activity = result.Document.Activities.Values.ShouldHaveSingleItem();
        activity.Get("prov:label").ShouldBe("activity");
        activity.Get("provcap:status").ShouldBe("succeeded", "its end, read before its start, was kept for it");
    }

    [Fact]
    public void At_run_granularity_an_activity_spans_its_calls_and_keeps_each_observation_date_once()
    {
        // Calls read in no time order (parallel jobs): the earliest start and the latest end stand.
        var log = WriteLog(
        [
            """{"prov_kind":"session","prov_schema":1,"session_id":"s"}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a2","name":"step","startTime":"2020-11-20T22:00:05Z","in_session":"s","run":1618,"subrun":2,"observation_date":"2020-11-21"}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a1","name":"step","startTime":"2020-11-20T22:00:01Z","in_session":"s","run":1618,"subrun":1,"observation_date":"2020-11-20"}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a3","name":"step","startTime":"2020-11-20T22:00:03Z","in_session":"s","run":1618,"subrun":3,"observation_date":"2020-11-20"}""",
            """{"prov_kind":"activity_end","prov_schema":1,"activity_id":"a1","endTime":"2020-11-20T22:00:09Z","status":"succeeded"}""",
            """{"prov_kind":"activity_end","prov_schema":1,"activity_id":"a2","endTime":"2020-11-20T22:00:06Z","status":"succeeded"}""",
            """{"prov_kind":"activity_end","prov_schema":1,"activity_id":"a3","endTime":"2020-11-20T22:00:04Z","status":"succeeded"}""",
        ]);

        var activity = ProvenanceMerger.Merge([log], new MergeOptions { Granularity = Granularity.Run }).Document.Activities.Values.ShouldHaveSingleItem();

        activity.StartTime.ShouldBe(new DateTimeOffset(2020, 11, 20, 22, 0, 1, TimeSpan.Zero));
        activity.EndTime.ShouldBe(new DateTimeOffset(2020, 11, 20, 22, 0, 9, TimeSpan.Zero));
        activity.Attributes["provcap:observation_date"].Select(d => d.Text).ShouldBe(["2020-11-20", "2020-11-21"]);
        activity.Attributes["provcap:subrun"].Count.ShouldBe(3);
    }

    [Fact]
    public void A_session_tag_filter_keeps_only_calls_of_a_session_known_with_that_tag()
    {
        var log = WriteLog(
        [
            """{"prov_kind":"session","prov_schema":1,"session_id":"tagged","session_tag":"keep"}""",
            """{"prov_kind":"session","prov_schema":1,"session_id":"untagged"}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a","name":"kept","startTime":"2020-11-20T22:00:01Z","in_session":"tagged"}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"b","name":"untagged","startTime":"2020-11-20T22:00:02Z","in_session":"untagged"}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"c","name":"unknown session","startTime":"2020-11-20T22:00:03Z","in_session":"never logged"}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"d","name":"no session","startTime":"2020-11-20T22:00:04Z"}""",
        ]);
        var options = new MergeOptions();
        options.SessionTags.Add("keep");

        ProvenanceMerger.Merge([log], options).Document.Activities.Values.Select(a => a.Get("prov:label")).ShouldBe(["kept"]);
    }

    [Fact]
    public void Progress_is_told_every_hundred_thousand_records_and_no_progress_is_asked_for_none()
    {
        var log = Path.Combine(_directory, "many.log");
        using (var writer = new StreamWriter(log))
        {
            writer.WriteLine("""{"prov_kind":"session","prov_schema":1,"session_id":"s"}""");
            for (var i = 0; i < 100_001; i++)
            {
                writer.WriteLine($$"""{"prov_kind":"entity","prov_schema":1,"entity_id":"e{{i}}"}""");
            }
        }

        var told = new List<long>();
        ProvenanceMerger.Merge([log], new MergeOptions(), told.Add).RecordsRead.ShouldBe(100_002);
        told.ShouldBe([100_000]);
        ProvenanceMerger.Merge([log], new MergeOptions()).RecordsRead.ShouldBe(100_002);
    }

    // Logs' records merged as maps, through the record-consumer path.
    private static ProvDocument MergedFromRecords(MergeOptions options, params string[] logs)
    {
        var merger = new ProvenanceMerger(options);
        foreach (var record in ClefOracle.Records(logs))
        {
            merger.Add(record);
        }

        return merger.Result().Document;
    }

    [Theory]
    [InlineData(Granularity.Subrun, true)]
    [InlineData(Granularity.Run, true)]
    public void Values_of_unexpected_shapes_are_passed_over_alike_on_both_paths(Granularity granularity, bool members)
    {
        // Lists that are no lists, items that are no objects, ids that are objects, lists, nulls, numbers or
        // booleans, a collection's members of every shape, a kind that is an object: each path passes over the same.
        var log = WriteLog(
        [
            """{"prov_kind":"session","prov_schema":1,"session_id":"s","session_tag":"odd"}""",
            """{"prov_kind":{"not":"a kind"},"prov_schema":1,"entity_id":"never"}""",
            """{"prov_kind":{"prov_kind":"entity","entity_id":"smuggled"},"prov_schema":1}""",
            """{"prov_kind":5,"prov_schema":1,"entity_id":"numbered"}""",
            """{"prov_kind":"entity","prov_schema":1,"entity_id":"set","name":"Set","type":"FileCollection","member_ids":["m1",null,{"x":1},["y"],5,true,"m2"]}""",
            """{"prov_kind":"entity","prov_schema":1,"entity_id":"m1","name":"Member","type":"File","location":"/data/m1","collection":"Set","size":"12","missing":true,"value":{"a":[1,2.5,null]}}""",
            """{"prov_kind":"entity","prov_schema":1,"entity_id":"m2","name":"Member","type":"File","location":"/data/m2","collection":"Set","size":{"no":1},"missing":"yes","value":[true,"x"]}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a1","name":"odd","startTime":"2020-11-20T22:00:01.0000000+00:00","in_session":"s","run":1618,"subrun":{"x":1},"parameters":"no map","parameter_types":["no","map"],"used":[5,"text",{"used_id":{"nested":1},"used_role":"r"},{"used_id":null,"used_role":"r"},{"used_id":true,"used_role":3},{"used_id":"m1","used_role":["r"]},{"used_id":7.5}]}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a2","name":"odd","startTime":"2020-11-20T22:00:02.0000000+00:00","in_session":"s","run":"1618","parameters":{"p":{"deep":[1]},"q":false,"r":null},"parameter_types":{"p":"xsd:int","q":5,"r":"no:type"},"used":{"used_id":"m2"}}""",
            """{"prov_kind":"activity_end","prov_schema":1,"activity_id":"a1","endTime":"2020-11-20T22:00:03.0000000+00:00","status":"succeeded","generated":{"generated_id":"g"},"derivations":[{"generated_id":"g1","progenitor_id":["x"]},{"generated_id":false,"progenitor_id":"m1"},"no pair"]}""",
            """{"prov_kind":"activity_end","prov_schema":1,"activity_id":"a2","endTime":"2020-11-20T22:00:04.0000000+00:00","status":["failed"],"generated":[{"generated_id":"g2","generated_role":{"r":1}},null,{"generated_id":"set","generated_role":"collection"}],"member_ids":"none"}""",
        ]);
        var options = new MergeOptions { Granularity = granularity, IncludeMembers = members };
        var streamed = ProvenanceMerger.Merge([log], options);

        var json = ProvJsonWriter.ToJson(streamed.Graph);
        json.ShouldBe(ProvJsonWriter.ToJson(MergedFromRecords(options, log)));
        var document = streamed.Document;
        document.Entities.Keys.ShouldNotContain("ent:never");
        document.Entities.Keys.ShouldNotContain("ent:smuggled", "a kind that is an object is passed over whole, never read as the record's fields");
        document.Entities.Keys.ShouldNotContain("ent:numbered");
        streamed.Problems.ShouldBeEmpty("values of unexpected shapes are passed over, not problems of the line");
        document.Entities["ent:m1"].Attributes["provcap:size"].ShouldBe([new ProvLiteral("12", "xsd:long")], "a size given as text is a number");
        document.Entities["ent:m2"].Attributes.Keys.ShouldNotContain("provcap:size", "a size that is a map is none");
        document.Relations.ShouldContain(r => r.Kind == ProvRelationKind.Used && r.Object == "ent:true", "a boolean id is its text");
        json.ShouldNotContain("System.Collections", customMessage: "no map or list is read as a text");
        if (members)
        {
            // The collection's own list: texts, numbers and booleans are members; nulls, maps and lists are not.
            document.Relations.Where(r => r.Kind == ProvRelationKind.HadMember && r.Subject == "ent:set").Select(r => r.Object)
                .ShouldBe(["ent:5", "ent:m1", "ent:m2", "ent:true"], ignoreOrder: true);
        }
    }

    [Fact]
    public void An_activity_without_its_own_time_has_its_event_s_time_on_both_paths_unless_a_time_is_no_time()
    {
        // Records given through the API once merged without the CLEF event time that the same lines read from disk take.
        var log = WriteLog(
        [
            """{"@t":"2020-11-20T22:00:01.0000000Z","prov_kind":"activity_start","prov_schema":1,"activity_id":"a1","name":"r0_to_dl1"}""",
            """{"@t":"2020-11-20T22:00:02.0000000Z","prov_kind":"activity_end","prov_schema":1,"activity_id":"a1","status":"succeeded"}""",
            """{"@t":"2020-11-20T22:00:03.0000000Z","prov_kind":"activity_start","prov_schema":1,"activity_id":"a2","name":"r0_to_dl1","startTime":null}""",
            """{"@t":"2020-11-20T22:00:04.0000000Z","prov_kind":"activity_end","prov_schema":1,"activity_id":"a2","endTime":"not a time"}""",
            """{"@t":"2020-11-20T22:00:05.0000000Z","prov_kind":"activity_start","prov_schema":1,"activity_id":"a3","name":"r0_to_dl1","startTime":"2020-11-20T21:00:00Z"}""",
            """{"@t":"2020-11-20T22:00:06.0000000Z","prov_kind":"activity_end","prov_schema":1,"activity_id":"a3","endTime":5}""",
        ]);
        var streamed = ProvenanceMerger.Merge([log], new MergeOptions());

        ProvJsonWriter.ToJson(MergedFromRecords(new MergeOptions(), log)).ShouldBe(ProvJsonWriter.ToJson(streamed.Graph));
        var activities = streamed.Document.Activities;
        activities["act:a1"].StartTime.ShouldBe(DateTimeOffset.Parse("2020-11-20T22:00:01Z", System.Globalization.CultureInfo.InvariantCulture));
        activities["act:a1"].EndTime.ShouldBe(DateTimeOffset.Parse("2020-11-20T22:00:02Z", System.Globalization.CultureInfo.InvariantCulture));
        activities["act:a2"].StartTime.ShouldBe(DateTimeOffset.Parse("2020-11-20T22:00:03Z", System.Globalization.CultureInfo.InvariantCulture));
        activities["act:a2"].EndTime.ShouldBeNull("a time that is no time stays unknown, as reported");
        activities["act:a3"].StartTime.ShouldBe(DateTimeOffset.Parse("2020-11-20T21:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        activities["act:a3"].EndTime.ShouldBe(DateTimeOffset.Parse("2020-11-20T22:00:06Z", System.Globalization.CultureInfo.InvariantCulture), "a number is no text of a time");
    }

    [Fact]
    public void A_session_agent_written_after_a_larger_one_has_only_its_own_values()
    {
        // The first session's last attribute has two values, the second's one: the writer's scratch arrays keep
        // the first's entries past the second's end.
        var log = WriteLog(
        [
            """{"prov_kind":"session","prov_schema":1,"session_id":"s1","session_tag":"t","name":"job","zzz_tags":["a","b"]}""",
            """{"prov_kind":"session","prov_schema":1,"session_id":"s2","session_tag":"t","name":"job","zzz_tags":["c"]}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a1","name":"step","startTime":"2020-11-20T22:00:01Z","in_session":"s1"}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a2","name":"step","startTime":"2020-11-20T22:00:02Z","in_session":"s2"}""",
        ]);
        var options = new MergeOptions { Granularity = Granularity.Night };
        var merged = ProvenanceMerger.Merge([log], options);

        var json = ProvJsonWriter.ToJson(merged.Graph);
        json.ShouldBe(ProvJsonWriter.ToJson(MergedFromRecords(options, log)));
        merged.Document.Agents.Keys.ShouldBe(["agent:session_s1", "agent:session_s2"], string.Join(", ", merged.Document.Agents.Keys));
        merged.Document.Agents["agent:session_s2"].Attributes["provcap:zzz_tags"].Select(v => v.Text).ShouldBe(["c"]);
    }

    [Fact]
    public void Integers_beyond_64_bits_keep_every_digit_in_clef_and_lst_logs_on_every_path()
    {
        // Capture writes a ulong as a JSON number and names its type; Python writes its unbounded integers as digits.
        const string Big = "123456789012345678901234567890";
        var clef = WriteLog(
        [
            """{"prov_kind":"session","prov_schema":1,"session_id":"s","cpu_count":BIG}""".Replace("BIG", Big, StringComparison.Ordinal),
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a1","name":"count","startTime":"2020-11-20T22:00:01Z","in_session":"s","parameters":{"events":18446744073709551615,"seed":BIG,"scale":1e300,"small":-9223372036854775808},"parameter_types":{"events":"xsd:unsignedLong"},"used":[{"used_id":BIG,"used_role":"r"}]}""".Replace("BIG", Big, StringComparison.Ordinal),
            """{"prov_kind":"activity_end","prov_schema":1,"activity_id":"a1","endTime":"2020-11-20T22:00:02Z","status":"succeeded"}""",
        ]);
        var lst = Path.Combine(_directory, "big.lst.log");
        File.WriteAllLines(lst,
        [
            $"__PROV__2020-11-20T22:00:00__PROV__{{'session_id': 's', 'cpu_count': {Big}}}",
            $"__PROV__2020-11-20T22:00:01__PROV__{{'activity_id': 'a1', 'name': 'count', 'startTime': '2020-11-20T22:00:01', 'in_session': 's'}}",
            $"__PROV__2020-11-20T22:00:01__PROV__{{'activity_id': 'a1', 'parameters': {{'events': 18446744073709551615, 'seed': {Big}, 'scale': 1e300, 'small': -9223372036854775808}}, 'parameter_types': {{'events': 'xsd:unsignedLong'}}}}",
            $"__PROV__2020-11-20T22:00:01__PROV__{{'activity_id': 'a1', 'used_id': {Big}, 'used_role': 'r'}}",
            $"__PROV__2020-11-20T22:00:02__PROV__{{'activity_id': 'a1', 'endTime': '2020-11-20T22:00:02', 'status': 'succeeded'}}",
        ]);

        foreach (var (log, fast) in new[] { (clef, true), (lst, true), (lst, false) })
        {
            var options = new MergeOptions { Granularity = Granularity.Subrun, LstFastPaths = fast };
            var merged = ProvenanceMerger.Merge([log], options);
            merged.Problems.ShouldBeEmpty();
            var activity = merged.Document.Activities.Values.ShouldHaveSingleItem();
            var where = $"{Path.GetFileName(log)}, fast ways {fast}";
            activity.Attributes["provcap:events"].ShouldBe([new ProvLiteral("18446744073709551615", "xsd:unsignedLong")], where);
            activity.Attributes["provcap:seed"].ShouldBe([new ProvLiteral(Big, "xsd:integer")], where);
            activity.Attributes["provcap:scale"].ShouldBe([new ProvLiteral("1E+300", "xsd:double")], where);
            activity.Attributes["provcap:small"].ShouldBe([new ProvLiteral("-9223372036854775808", "xsd:long")], where);
            merged.Document.Relations.ShouldContain(r => r.Kind == ProvRelationKind.Used && r.Object == "ent:" + Big, where);
            merged.Document.Agents.Values.SelectMany(a => a.Attributes).Where(a => a.Key.EndsWith("cpu_count", StringComparison.Ordinal))
                .SelectMany(a => a.Value).Select(v => v.Text).ShouldBe([Big], where);
            if (log == clef)
            {
                ProvJsonWriter.ToJson(merged.Graph).ShouldBe(ProvJsonWriter.ToJson(MergedFromRecords(options, log)));
            }
        }
    }

    [Theory]
    [InlineData(Granularity.Subrun)]
    [InlineData(Granularity.Run)]
    public void Ids_that_are_not_qualified_names_are_percent_encoded_alike_on_both_paths_and_the_output_is_valid(Granularity granularity)
    {
        var log = WriteLog(
        [
            """{"prov_kind":"session","prov_schema":1,"session_id":"night 1/é","session_tag":"odd"}""",
            """{"prov_kind":"entity","prov_schema":1,"entity_id":"raw/données 1","name":"R0 file","type":"File","location":"/data/données/r0 1.fits","collection":"R0 set"}""",
            """{"prov_kind":"entity","prov_schema":1,"entity_id":"raw/données 2","name":"R0 file","type":"File","location":"/data/données/r0 2.fits","collection":"R0 set"}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"job #2","name":"calibrate charge","startTime":"2020-11-20T22:00:02.0000000+00:00","in_session":"night 1/é","agent_name":"on-site sequencer","run":"01618","used":[{"used_id":"raw/données 2","used_role":"raw data"}]}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"job #1","name":"calibrate charge","startTime":"2020-11-20T22:00:01.0000000+00:00","in_session":"night 1/é","agent_name":"on-site sequencer","run":1618,"used":[{"used_id":"raw/données 1","used_role":"raw data"}]}""",
            """{"prov_kind":"activity_end","prov_schema":1,"activity_id":"job #1","endTime":"2020-11-20T22:00:03.0000000+00:00","status":"succeeded","generated":[{"generated_id":"out/ü 1","generated_role":"result"}],"derivations":[{"generated_id":"out/ü 1","progenitor_id":"raw/données 1"}]}""",
            """{"prov_kind":"activity_end","prov_schema":1,"activity_id":"job #2","endTime":"2020-11-20T22:00:04.0000000+00:00","status":"failed","exception_type":"IOException","exception_message":"disk full"}""",
        ]);
        var options = new MergeOptions { Granularity = granularity };
        var streamed = ProvenanceMerger.Merge([log], options);
        streamed.Problems.ShouldBeEmpty();

        var json = ProvJsonWriter.ToJson(streamed.Graph);
        json.ShouldBe(ProvJsonWriter.ToJson(MergedFromRecords(options, log)));
        var output = Path.Combine(_directory, $"odd-{granularity}.prov.json");
        File.WriteAllText(output, json);
        Validation.ProvValidator.ValidateFile(output).ShouldBeEmpty();

        var document = streamed.Document;
        document.Agents.Keys.ShouldContain("agent:session_night%201%2F%C3%A9");
        document.Agents.Keys.ShouldContain("agent:on-site%20sequencer");
        if (granularity == Granularity.Subrun)
        {
            document.Activities.Keys.ShouldBe(["act:job%20%231", "act:job%20%232"]);
            document.Entities.Keys.ShouldBe(["ent:out%2F%C3%BC%201", "ent:raw%2Fdonn%C3%A9es%201", "ent:raw%2Fdonn%C3%A9es%202"]);
            document.RelationsOf(Document.ProvRelationKind.WasDerivedFrom).Single().Object.ShouldBe("ent:raw%2Fdonn%C3%A9es%201");
        }
        else
        {
            // "01618" and 1618 are one run: one activity, both files in one collection, in their common folder.
            var activity = document.Activities.Values.Single();
            activity.Id.ShouldBe("act:calibrate%20charge_run1618");
            activity.Get("provcap:calls").ShouldBe("2");
            document.Entities["ent:R0%20set_run1618"].Get("provcap:member_count").ShouldBe("2");
            document.Entities["ent:R0%20set_run1618"].Get("prov:location").ShouldBe("/data/données");
        }
    }

    [Theory]
    [InlineData(Granularity.Subrun)]
    [InlineData(Granularity.Night)]
    public void Ids_that_differ_only_where_a_qualified_name_cannot_hold_them_stay_apart(Granularity granularity)
    {
        // Replaced by "_", "a 1" and "a_1" were one activity, "f x" and "f_x" one file (the second lost, its
        // use moved onto the first), "s x" and "s_x" two agents under one key of the agent section; an agent
        // named "session_s_x" is not session s_x's agent either.
        var lines = new List<string>();
        foreach (var (session, entity, activity, subrun) in new[] { ("s x", "f x", "a 1", 0), ("s_x", "f_x", "a_1", 1) })
        {
            lines.Add($$"""{"prov_kind":"session","prov_schema":1,"session_id":"{{session}}","session_tag":"tag {{subrun}}"}""");
            lines.Add($$"""{"prov_kind":"entity","prov_schema":1,"entity_id":"{{entity}}","name":"R0","location":"/data/{{subrun}}.fits"}""");
            lines.Add($$"""{"prov_kind":"activity_start","prov_schema":1,"activity_id":"{{activity}}","name":"r0_to_dl1","startTime":"2020-11-20T22:00:01Z","in_session":"{{session}}","agent_name":"session_s_x","run":1600,"subrun":{{subrun}},"used":[{"used_id":"{{entity}}","used_role":"R0"}]}""");
            lines.Add($$"""{"prov_kind":"activity_end","prov_schema":1,"activity_id":"{{activity}}","endTime":"2020-11-20T22:00:02Z","in_session":"{{session}}","status":"succeeded"}""");
        }

        var log = WriteLog([.. lines]);
        var options = new MergeOptions { Granularity = granularity };
        var merged = ProvenanceMerger.Merge([log], options);
        var json = ProvJsonWriter.ToJson(merged.Graph);
        json.ShouldBe(ProvJsonWriter.ToJson(MergedFromRecords(options, log)));
        using var parsed = JsonDocument.Parse(json);
        parsed.RootElement.GetProperty("agent").EnumerateObject().Select(a => a.Name).ShouldBe(["agent:session%5Fs_x", "agent:session_s%20x", "agent:session_s_x"]);
        parsed.RootElement.GetProperty("actedOnBehalfOf").EnumerateObject().Select(r => (r.Value.GetProperty("prov:delegate").GetString(), r.Value.GetProperty("prov:responsible").GetString()))
            .ShouldBe([("agent:session_s%20x", "agent:session%5Fs_x"), ("agent:session_s_x", "agent:session%5Fs_x")]);
        parsed.RootElement.GetProperty("entity").EnumerateObject().Select(e => (e.Name, e.Value.GetProperty("prov:location").GetString()))
            .ShouldBe([("ent:f%20x", "/data/0.fits"), ("ent:f_x", "/data/1.fits")]);
        var used = parsed.RootElement.GetProperty("used").EnumerateObject().Select(u => (u.Value.GetProperty("prov:activity").GetString(), u.Value.GetProperty("prov:entity").GetString()));
        if (granularity == Granularity.Subrun)
        {
            parsed.RootElement.GetProperty("activity").EnumerateObject().Select(a => a.Name).ShouldBe(["act:a%201", "act:a_1"]);
            used.ShouldBe([("act:a%201", "ent:f%20x"), ("act:a_1", "ent:f_x")], ignoreOrder: true);
        }
        else
        {
            used.ShouldBe([("act:r0_to_dl1", "ent:f%20x"), ("act:r0_to_dl1", "ent:f_x")], ignoreOrder: true);
        }
    }

    [Theory]
    [InlineData(null, "prov:SoftwareAgent", "xsd:QName")]
    [InlineData("", "prov:SoftwareAgent", "xsd:QName")]
    [InlineData("SoftwareAgent", "prov:SoftwareAgent", "xsd:QName")]
    [InlineData(" software ", "prov:SoftwareAgent", "xsd:QName")]
    [InlineData("Person", "prov:Person", "xsd:QName")]
    [InlineData("organization", "prov:Organization", "xsd:QName")]
    [InlineData("Organisation", "prov:Organization", "xsd:QName")]
    [InlineData("telescope", "telescope", null)]
    public void A_model_agent_s_type_becomes_prov_s_agent_type_or_stays_as_written(string? type, string text, string? literalType)
    {
        var agent = type is null ? "{}" : $$"""{"type":"{{type}}","email":"osa@example.org"}""";
        var log = WriteLog(
        [
            """{"prov_kind":"session","prov_schema":1,"session_id":"s","model_notes":{"agents":{"sequencer":""" + agent + "}}}",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a1","name":"r0_to_dl1","in_session":"s","agent_name":"sequencer"}""",
            """{"prov_kind":"activity_end","prov_schema":1,"activity_id":"a1","status":"succeeded"}""",
        ]);
        var element = ProvenanceMerger.Merge([log], new MergeOptions()).Document.Agents["agent:sequencer"];
        element.Attributes["prov:type"].ShouldHaveSingleItem().ShouldBe(new Document.ProvLiteral(text, literalType));
        element.Get("provcap:email").ShouldBe(type is null ? null : "osa@example.org");
    }

    [Fact]
    public void A_session_with_hundreds_of_values_keeps_every_one_on_both_paths()
    {
        var environment = string.Join(',', Enumerable.Range(0, 300).Select(i => $"\"VAR_{299 - i:D3}\":\"{i}\""));
        var log = WriteLog(
        [
            """{"prov_kind":"session","prov_schema":1,"session_id":"s","session_tag":"big","environment":{""" + environment + "}}",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a1","name":"r0_to_dl1","in_session":"s"}""",
            """{"prov_kind":"activity_end","prov_schema":1,"activity_id":"a1","status":"succeeded"}""",
        ]);
        var merged = ProvenanceMerger.Merge([log], new MergeOptions());
        var json = ProvJsonWriter.ToJson(merged.Graph);
        json.ShouldBe(ProvJsonWriter.ToJson(new ElementsOnly(merged.Graph)));
        using var parsed = JsonDocument.Parse(json);
        var names = parsed.RootElement.GetProperty("agent").GetProperty("agent:session_s").EnumerateObject().Select(a => a.Name).Where(n => n.StartsWith("provcap:environment_", StringComparison.Ordinal)).ToList();
        names.ShouldBe(Enumerable.Range(0, 300).Select(i => $"provcap:environment_VAR_{i:D3}"));
        parsed.RootElement.GetProperty("agent").GetProperty("agent:session_s").GetProperty("provcap:environment_VAR_000").GetString().ShouldBe("299");
    }

    [Fact]
    public void A_file_generated_under_two_roles_or_by_two_activities_is_attributed_once()
    {
        var log = WriteLog(
        [
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a1","name":"write","agent_name":"pipeline"}""",
            """{"prov_kind":"activity_end","prov_schema":1,"activity_id":"a1","status":"succeeded","generated":[{"generated_id":"f1","generated_role":"table"},{"generated_id":"f1","generated_role":"copy"},{"generated_id":"f2","generated_role":"table"}]}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a2","name":"rewrite","agent_name":"pipeline"}""",
            """{"prov_kind":"activity_end","prov_schema":1,"activity_id":"a2","status":"succeeded","generated":[{"generated_id":"f2","generated_role":"table"}]}""",
        ]);
        var merged = ProvenanceMerger.Merge([log], new MergeOptions());
        var document = merged.Document;
        document.RelationsOf(Document.ProvRelationKind.WasGeneratedBy).Count().ShouldBe(4);
        document.RelationsOf(Document.ProvRelationKind.WasAttributedTo).Select(r => (r.Subject, r.Object))
            .ShouldBe([("ent:f1", "agent:pipeline"), ("ent:f2", "agent:pipeline")]);

        // The document above is a set of relations; the writers, both ways, must not repeat one either.
        foreach (var json in ElementsOnly.JsonBothWays(merged.Graph))
        {
            using var parsed = JsonDocument.Parse(json);
            parsed.RootElement.GetProperty("wasAttributedTo").EnumerateObject().Select(r => (r.Value.GetProperty("prov:entity").GetString(), r.Value.GetProperty("prov:agent").GetString()))
                .ShouldBe([("ent:f1", "agent:pipeline"), ("ent:f2", "agent:pipeline")]);
        }
    }

    [Fact]
    public void At_run_granularity_the_derivations_of_a_run_s_files_are_one_between_their_collections()
    {
        var lines = new List<string>();
        for (var subrun = 0; subrun < 3; subrun++)
        {
            lines.Add($$"""{"prov_kind":"entity","prov_schema":1,"entity_id":"r0-{{subrun}}","name":"R0","location":"/data/r0/{{subrun}}.fits","collection":"R0 set"}""");
            lines.Add($$"""{"prov_kind":"entity","prov_schema":1,"entity_id":"dl1-{{subrun}}","name":"DL1","location":"/data/dl1/{{subrun}}.h5","collection":"DL1 set"}""");
            lines.Add($$"""{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a{{subrun}}","name":"r0_to_dl1","run":1600,"subrun":{{subrun}},"used":[{"used_id":"r0-{{subrun}}","used_role":"R0"}]}""");
            lines.Add($$"""{"prov_kind":"activity_end","prov_schema":1,"activity_id":"a{{subrun}}","status":"succeeded","generated":[{"generated_id":"dl1-{{subrun}}","generated_role":"DL1"}],"derivations":[{"generated_id":"dl1-{{subrun}}","progenitor_id":"r0-{{subrun}}"}]}""");
        }

        var log = WriteLog([.. lines]);
        var merged = ProvenanceMerger.Merge([log], new MergeOptions { Granularity = Granularity.Run });
        foreach (var json in ElementsOnly.JsonBothWays(merged.Graph))
        {
            using var parsed = JsonDocument.Parse(json);
            parsed.RootElement.GetProperty("wasDerivedFrom").EnumerateObject()
                .Select(r => (r.Value.GetProperty("prov:generatedEntity").GetString(), r.Value.GetProperty("prov:usedEntity").GetString()))
                .ShouldBe([("ent:DL1%20set_run1600", "ent:R0%20set_run1600")]);
        }
    }

    [Fact]
    public void At_run_granularity_the_files_of_an_activity_without_a_run_go_into_a_collection_of_no_run()
    {
        var log = WriteLog(
        [
            """{"prov_kind":"entity","prov_schema":1,"entity_id":"r0-1","name":"R0","location":"/data/r0/1.fits","collection":"R0set"}""",
            """{"prov_kind":"entity","prov_schema":1,"entity_id":"r0-2","name":"R0","location":"/data/r0/2.fits","collection":"R0set"}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a1","name":"check","used":[{"used_id":"r0-1","used_role":"R0"},{"used_id":"r0-2","used_role":"R0"}]}""",
            """{"prov_kind":"activity_end","prov_schema":1,"activity_id":"a1","status":"succeeded"}""",
        ]);
        var document = ProvenanceMerger.Merge([log], new MergeOptions { Granularity = Granularity.Run }).Document;
        document.Activities.Keys.ShouldBe(["act:check"]);
        document.RelationsOf(Document.ProvRelationKind.Used).Select(r => (r.Subject, r.Object)).ShouldBe([("act:check", "ent:R0set")]);
        document.Entities["ent:R0set"].Get("provcap:member_count").ShouldBe("2");
    }

    [Theory]
    [InlineData("/data/run1/a.h5", "/data/run10/b.h5", "/data")]
    [InlineData("/data/run1/a.h5", "/data/run1/sub/b.h5", "/data/run1")]
    [InlineData("/data/run1/a.h5", "/data/run1", "/data/run1")]
    [InlineData("C:\\data\\a.h5", "C:\\data\\b.h5", "C:\\data")]
    [InlineData("runs/a.h5", "other/b.h5", null)]
    [InlineData("a.h5", "b.h5", null)]
    public void A_collection_is_located_in_the_deepest_folder_that_holds_every_member(string first, string second, string? folder)
    {
        var log = WriteLog(
        [
            $$"""{"prov_kind":"entity","prov_schema":1,"entity_id":"f1","name":"DL1","location":"{{first.Replace("\\", "\\\\", StringComparison.Ordinal)}}","collection":"set"}""",
            $$"""{"prov_kind":"entity","prov_schema":1,"entity_id":"f2","name":"DL1","location":"{{second.Replace("\\", "\\\\", StringComparison.Ordinal)}}","collection":"set"}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a1","name":"merge","run":1600,"used":[{"used_id":"f1","used_role":"in"},{"used_id":"f2","used_role":"in"}]}""",
            """{"prov_kind":"activity_end","prov_schema":1,"activity_id":"a1","status":"succeeded"}""",
        ]);
        var collection = ProvenanceMerger.Merge([log], new MergeOptions { Granularity = Granularity.Run }).Document.Entities["ent:set_run1600"];
        collection.Get("prov:location").ShouldBe(folder);
    }

    [Theory]
    [InlineData(Granularity.Subrun)]
    [InlineData(Granularity.Run)]
    public void A_file_used_under_two_roles_is_used_under_each_in_the_order_the_log_gives_them(Granularity granularity)
    {
        var log = WriteLog(
        [
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a1","name":"compare","run":1600,"used":[{"used_id":"f","used_role":"second"},{"used_id":"f","used_role":"first"},{"used_id":"e","used_role":"other"}]}""",
            """{"prov_kind":"activity_end","prov_schema":1,"activity_id":"a1","status":"succeeded"}""",
        ]);
        var merged = ProvenanceMerger.Merge([log], new MergeOptions { Granularity = granularity });
        foreach (var json in ElementsOnly.JsonBothWays(merged.Graph))
        {
            using var parsed = JsonDocument.Parse(json);
            parsed.RootElement.GetProperty("used").EnumerateObject().Select(r => (r.Value.GetProperty("prov:entity").GetString(), r.Value.GetProperty("prov:role").GetString()))
                .ShouldBe([("ent:e", "other"), ("ent:f", "second"), ("ent:f", "first")]);
        }
    }

    [Fact]
    public void A_nested_parameter_value_is_kept_as_its_json_text()
    {
        var log = WriteLog(
        [
            """{"@t":"2020-11-20T22:00:00Z","prov_kind":"activity_start","prov_schema":1,"activity_id":"a1","name":"dl1ab","startTime":"2020-11-20T22:00:00.0000000+00:00","parameters":{"cuts":{"intensity":[50,"inf"],"leakage":0.2},"n":3}}""",
            """{"@t":"2020-11-20T22:00:01Z","prov_kind":"activity_end","prov_schema":1,"activity_id":"a1","endTime":"2020-11-20T22:00:01.0000000+00:00","status":"succeeded"}""",
        ]);
        var activity = ProvenanceMerger.Merge([log], new MergeOptions()).Document.Activities.Values.Single();
        activity.Get("provcap:cuts").ShouldBe("""{"intensity":[50,"inf"],"leakage":0.2}""");
        activity.Attributes["provcap:n"].Single().ShouldBe(new Document.ProvLiteral("3", "xsd:int"));
    }

    [Fact]
    public void A_value_made_a_literal_without_the_table_is_the_literal_the_table_hands_out()
    {
        var symbols = new RecordSymbols(16);
        object?[] values =
        [
            null, "plain", string.Empty, "é 東京 😀", "lone \uD800 high", "lone \uDC00 low", true, false, 0, -7, int.MaxValue, (long)int.MaxValue + 1,
            long.MinValue, 2.5, 1e-300, double.NaN, 12.50m, new DateTime(2020, 11, 20, 22, 0, 0, DateTimeKind.Utc), Guid.Empty,
            new Dictionary<string, object?> { ["a"] = 1, ["b"] = new List<object?> { "x", null } }, new List<object?> { 1, "two" }, new Uri("file:///data/x.h5"),
        ];

        foreach (var value in values)
        {
            RecordSymbols.LiteralOfValue(value).ShouldBe(symbols.LiteralOf(symbols.Literal(value)), $"the literal of {value}");
        }

        symbols.LiteralOf(symbols.Literal("lone \uD800 high"))!.Text.ShouldBe("lone \uFFFD high", "a lone surrogate is replaced as UTF-8 replaces it");
    }

    [Fact]
    public void Symbols_are_one_per_text_and_give_their_text_back_after_the_table_grows()
    {
        var table = new SymbolTable();
        var texts = Enumerable.Range(0, 50_000).Select(i => $"/data/R0/LST-1.1.Run{i / 1000:D5}.{i % 1000:D4}.fits.fz").Append("données").Append("数据").Append(string.Empty).ToList();
        var symbols = texts.Select(table.Intern).ToList();
        symbols.ShouldAllBe(s => s != SymbolTable.None);
        symbols.Distinct().Count().ShouldBe(texts.Count);
        texts.Select(table.Intern).ShouldBe(symbols);
        symbols.Select(table.Text).ShouldBe(texts);
        table.Intern(Encoding.UTF8.GetBytes("données")).ShouldBe(table.Intern("données"));
        table.Text(SymbolTable.None).ShouldBeNull();
    }

    [Fact]
    public void Symbol_sort_is_ordinal_and_stable_even_when_ids_share_a_long_head()
    {
        var table = new SymbolTable();
        var random = new Random(7);
        var head = "01a209a1-6498-79cd-8e04-c13894ad5946-";
        var items = Enumerable.Range(0, 5_000)
            .Select(i => (Text: random.Next(4) == 0 ? head : head + random.Next(2_000).ToString("D6", CultureInfo.InvariantCulture) + (random.Next(3) == 0 ? "é" : string.Empty), Order: i))
            .Select(x => (Symbol: table.Intern(x.Text), x.Text, x.Order))
            .ToList();

        table.Sort(items, x => x.Symbol);

        items.ShouldBe(items.OrderBy(x => Encoding.UTF8.GetBytes(x.Text), Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b))).ThenBy(x => x.Order).ToList());
    }

    [Fact]
    public void Local_parts_are_the_same_symbol_when_the_id_needs_no_escape_and_one_per_id_when_it_does()
    {
        var table = new SymbolTable();
        var clean = table.Intern("5e29c7983aab67184e6340475788ccfc");
        table.LocalPart(clean).ShouldBe(clean);
        table.Text(table.LocalPart(table.Intern("run 01618/é"))).ShouldBe("run%2001618%2F%C3%A9");
        string[] alike = ["s x", "s_x", "s\tx", "s%20x", "s%5Fx", "s.x", "s-x", "s/x", "s__x", "_", "s x ", "sé", "s%C3%A9"];
        var parts = alike.Select(id => table.Text(table.LocalPart(table.Intern(id)))!).ToList();
        parts.ShouldBeUnique();
        parts.ShouldAllBe(part => part.All(c => char.IsAsciiLetterOrDigit(c) || "_-.%".Contains(c)));
        parts.ShouldBe(alike.Select(QualifiedNames.LocalPart));
        parts.Select(Uri.UnescapeDataString).ShouldBe(alike);
    }

    [Fact]
    public void Small_sets_keep_distinct_values_in_insertion_order_past_the_inline_value_and_the_chain()
    {
        var store = new FewStore();
        var ints = default(FewInts);
        var pairs = default(FewPairs);
        var other = default(FewInts);
        var values = new[] { 5, 3, 5, 0, 9, 3, 12, 1, 2, 7, 8, 11, 0, 13, 14, 15, 4, 4 };
        foreach (var value in values)
        {
            store.Add(ref ints, value);
            store.Add(ref pairs, FewPairs.Pair(value, value % 2));
            store.Add(ref other, 100 + value);
        }

        var expected = values.Distinct().ToList();
        store.Count(ints).ShouldBe(expected.Count);
        store.Items(ints).ShouldBe(expected);
        store.Items(pairs).ShouldBe(expected.Select(v => (v, v % 2)));
        store.Items(other).ShouldBe(expected.Select(v => 100 + v));
        store.Count(default(FewInts)).ShouldBe(0);
        store.Count(pairs).ShouldBe(expected.Count);
        store.Count(default(FewPairs)).ShouldBe(0);
        store.Items(default(FewPairs)).ShouldBeEmpty();
    }
}
