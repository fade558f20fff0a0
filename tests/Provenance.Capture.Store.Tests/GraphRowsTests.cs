using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Merge;

namespace Provenance.Capture.Store.Tests;

/// <summary>
/// The rows an ingest makes from a merged graph's symbols (entities, activities, relations, sessions) are the rows it
/// makes from the same graph's elements and relation objects, value for value and node number for number.
/// </summary>
public sealed class GraphRowsTests(StoreNight night) : IClassFixture<StoreNight>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-rows-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_captured_night_makes_the_same_rows_from_its_symbols_as_from_its_elements()
    {
        var graph = ProvenanceMerger.Merge([night.LogPath], new MergeOptions { Granularity = Granularity.Subrun }).Graph;

        var direct = RowsOf(graph);
        Lines(direct).ShouldBe(Lines(RowsOf(new ElementsOnly(graph))));

        // What the comparison covered: entities with attributes beyond their columns, descriptions, sessions, roles and times.
        var entities = direct.Where(r => r.Table == "entities").ToList();
        entities.Count.ShouldBe(graph.Elements(ProvElementKind.Entity).Count());
        entities.ShouldContain(r => r.Cells[r.Cells.Length - 1].Text != "{}", "some file has attributes no column holds (an archived copy's path, a description)");
        direct.ShouldContain(r => r.Table == "descriptions" && r.Cells[0].Text == "entity");
        direct.ShouldContain(r => r.Table == "descriptions" && r.Cells[0].Text == "activity");
        direct.ShouldContain(r => r.Table == "activities" && r.Cells[r.Cells.Length - 1].Text != "{}", "the calls' parameters are kept in the JSON");
        direct.Where(r => r.Table == "activities").ShouldAllBe(r => r.Cells[8].Kind == RowCellKind.Node, "every captured call has its session");
        var relations = direct.Where(r => r.Table == "relations").ToList();
        relations.ShouldContain(r => r.Cells[3].Text != string.Empty && r.Cells[4].Text != null, "a generation with its role and time");
    }

    [Theory]
    [InlineData(Granularity.Subrun, false)]
    [InlineData(Granularity.Run, true)]
    [InlineData(Granularity.Night, false)]
    public void An_awkward_log_makes_the_same_rows_from_its_symbols_as_from_its_elements(Granularity granularity, bool members)
    {
        // Missing and unreadable files, values, archived copies, a size that is no number, a location beyond ASCII, a
        // collection with its members, a derivation, a call informed by another, a model agent, a session agent's look-alike.
        var log = Path.Combine(_directory, "awkward.log");
        File.WriteAllLines(log,
        [
            """{"prov_kind":"session","prov_schema":1,"session_id":"s","session_tag":"odd","name":"Odd","startTime":"2020-11-20T22:00:00.0000000+00:00"}""",
            """{"prov_kind":"entity","prov_schema":1,"entity_id":"set","name":"Set","type":"FileCollection","member_ids":["m1","m2"]}""",
            """{"prov_kind":"entity","prov_schema":1,"entity_id":"m1","name":"Member","type":"File","location":"/data/m1","collection":"Set","size":"12","missing":true,"value":{"a":[1,2.5,null]}}""",
            """{"prov_kind":"entity","prov_schema":1,"entity_id":"m2","name":"Member","type":"File","location":"/données/m2 <&>","collection":"Set","size":{"no":1},"problem":"unreadable","hash":"00ff","hash_type":"md5","contentType":"application/x-hdf5"}""",
            """{"prov_kind":"entity","prov_schema":1,"entity_id":"cfg","name":"Config","type":"File","location":"/cfg/a.json","archive_path":"archive/a.json","size":7}""",
            """{"prov_kind":"entity","prov_schema":1,"entity_id":"v","name":"Threshold","type":"Value","value":2.5}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a1","name":"first","startTime":"2020-11-20T22:00:01.0000000+00:00","in_session":"s","run":1618,"subrun":0,"agent_name":"session_x","used":[{"used_id":"m1","used_role":"member"},{"used_id":"cfg","used_role":"config"},{"used_id":"v"}]}""",
            """{"prov_kind":"activity_end","prov_schema":1,"activity_id":"a1","endTime":"2020-11-20T22:00:03.0000000+00:00","status":"succeeded","generated":[{"generated_id":"g1","generated_role":"output"}],"derivations":[{"generated_id":"g1","progenitor_id":"m1"}]}""",
            """{"prov_kind":"entity","prov_schema":1,"entity_id":"g1","name":"Out","type":"File","location":"/data/g1","size":3}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a2","parent_activity_id":"a1","name":"second","startTime":"2020-11-20T22:00:04.0000000+00:00","in_session":"s","run":1618,"subrun":1,"used":[{"used_id":"m2","used_role":"member"},{"used_id":"g1","used_role":"input"}]}""",
            """{"prov_kind":"activity_end","prov_schema":1,"activity_id":"a2","endTime":"2020-11-20T22:00:05.0000000+00:00","status":"failed","generated":[{"generated_id":"set","generated_role":"collection"}]}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a0","name":"third","startTime":"2020-11-20T21:00:00.0000000+00:00","in_session":"s","run":1618,"subrun":5}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a4","name":"third","startTime":"2020-11-20T22:00:07.0000000+00:00","in_session":"s","run":1618,"subrun":6}""",
            """{"prov_kind":"activity_end","prov_schema":1,"activity_id":"a4","endTime":"2020-11-20T22:00:08.0000000+00:00","status":"succeeded"}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a3","name":"second","startTime":"2020-11-20T22:00:06.0000000+00:00","in_session":"s","run":"1619","subrun":2,"observation_date":"2020-11-20","parameters":{"gain":2.0,"mode":"fast","n":-3},"parameter_types":{"gain":"xsd:double"},"used":[{"used_id":"m2","used_role":"member"}]}""",
        ]);
        var graph = ProvenanceMerger.Merge([log], new MergeOptions { Granularity = granularity, IncludeMembers = members }).Graph;

        var direct = RowsOf(graph);
        Lines(direct).ShouldBe(Lines(RowsOf(new ElementsOnly(graph))));
        direct.Count(r => r.Table == "entities").ShouldBe(graph.Elements(ProvElementKind.Entity).Count());
        direct.ShouldContain(r => r.Table == "entities" && r.Cells[r.Cells.Length - 1].Text!.Contains("provcap:missing"));
        direct.ShouldContain(r => r.Table == "relations" && r.Cells[1].Number == RelationKinds.Code("wasDerivedFrom"));
        var activities = direct.Where(r => r.Table == "activities").ToList();
        activities.Select(r => r.Cells[4].Text).ShouldBe(
            granularity switch
            {
                Granularity.Subrun => ["succeeded", "failed", "incomplete", "incomplete", "succeeded"],
                Granularity.Run => ["succeeded", "failed", "incomplete", "succeeded"],
                _ => ["succeeded", "failed", "succeeded"],
            },
            ignoreOrder: true,
            "a run's calls of one name, one unended: the ended call's status");
        activities.ShouldContain(r => r.Cells[r.Cells.Length - 1].Text!.Contains("gain"), "parameters are kept in the JSON");
    }

    private static List<string> Lines(List<(string Table, RowCell[] Cells)> rows) => [.. rows.Select(r => $"{r.Table}: {string.Join(", ", r.Cells)}")];

    // Every row made, with its table's name, in the order made.
    private static List<(string Table, RowCell[] Cells)> RowsOf(IProvGraph graph)
    {
        using var pipe = new RowPipe();
        var maker = Task.Run(() =>
        {
            try
            {
                GraphWriter.MakeRows(graph, pipe);
            }
            finally
            {
                pipe.Complete();
            }
        });
        var rows = new List<(string, RowCell[])>();
        pipe.Drain((table, batch) =>
        {
            var start = 0;
            foreach (var end in batch.Ends)
            {
                rows.Add((table.Name, batch.Cells.Skip(start).Take(end - start).ToArray()));
                start = end;
            }
        });
        maker.GetAwaiter().GetResult();
        return rows;
    }

    // The same graph seen only through its elements and relation objects.
    private sealed class ElementsOnly(IProvGraph graph) : IProvGraph
    {
        public IReadOnlyDictionary<string, string> Prefixes => graph.Prefixes;

        public IEnumerable<ProvElement> Elements(ProvElementKind kind) => graph.Elements(kind);

        public IEnumerable<ProvRelation> Relations(ProvRelationKind kind) => graph.Relations(kind);
    }
}
