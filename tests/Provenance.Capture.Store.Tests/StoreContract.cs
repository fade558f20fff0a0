using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Merge;
using Provenance.Capture.Prov.Readers;
using Provenance.Capture.Prov.Writers;

namespace Provenance.Capture.Store.Tests;

/// <summary>
/// What a store does on either engine: ingest of each format, idempotence, growing logs, lineage against
/// an independent walk of the merged document, depth, cycles, truncation, find. Run once per engine.
/// </summary>
public abstract class StoreContract(StoreNight night) : IDisposable
{
    private static readonly ProvRelationKind[] Walked =
        [ProvRelationKind.Used, ProvRelationKind.WasGeneratedBy, ProvRelationKind.WasDerivedFrom, ProvRelationKind.WasInformedBy, ProvRelationKind.HadMember];

    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-store-").FullName;

    protected string Folder => _directory;

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Where a new, empty store of this engine is (a file, a database), by a name unique in the test.</summary>
    protected abstract string StoreFor(string name);

    /// <summary>The engine of a store, for reaching its tables beneath the store's interface.</summary>
    private protected abstract StoreEngine EngineOf(string location);

    /// <summary>The query of every index of a store: name, table and the statement that makes it, by name.</summary>
    private protected abstract string IndexesSql { get; }

    private ProvenanceStore NewStore(string name = "store.db") => ProvenanceStore.Open(StoreFor(name));

    // The subrun-level PROV-JSON of the night (or of another log), written and read back: what the store's answers must agree with.
    private ProvDocument MergedNight(string? log = null)
    {
        var path = Path.Combine(_directory, "night.prov.json");
        ProvOutput.Write(ProvenanceMerger.Merge([log ?? night.LogPath], new MergeOptions { Granularity = Granularity.Subrun }).Graph, path);
        return ProvJsonReader.Read(path);
    }

    // A breadth-first walk over the document's relations: node to least depth.
    private static Dictionary<string, int> Walk(ProvDocument document, string start, LineageDirection direction, int depth = int.MaxValue)
    {
        var next = document.Relations.Where(r => Walked.Contains(r.Kind))
            .ToLookup(r => direction == LineageDirection.Back ? r.Subject : r.Object, r => direction == LineageDirection.Back ? r.Object : r.Subject);
        var reached = new Dictionary<string, int> { [start] = 0 };
        var frontier = new Queue<string>([start]);
        while (frontier.Count > 0)
        {
            var node = frontier.Dequeue();
            if (reached[node] == depth)
            {
                continue;
            }

            foreach (var neighbour in next[node])
            {
                if (reached.TryAdd(neighbour, reached[node] + 1))
                {
                    frontier.Enqueue(neighbour);
                }
            }
        }

        return reached;
    }

    private string DataFile(string relative) => Path.Combine(night.Data, relative);

    [Fact]
    public void A_captured_log_is_stored_whole()
    {
        using var store = NewStore();
        var ingested = store.Ingest([night.LogPath]).ShouldHaveSingleItem();

        ingested.Outcome.ShouldBe(IngestOutcome.Added);
        ingested.Format.ShouldBe("log");
        var document = MergedNight();
        var stats = store.Stats();
        (stats.Documents, stats.Activities, stats.Entities, stats.Agents, stats.Relations)
            .ShouldBe((1L, (long)document.Activities.Count, (long)document.Entities.Count, (long)document.Agents.Count, (long)document.Relations.Count));
        stats.SizeInBytes.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Ingesting_the_same_file_again_adds_nothing()
    {
        using var store = NewStore();
        store.Ingest([night.LogPath]);
        var before = store.Stats();
        var copy = Path.Combine(_directory, "copy.log");
        File.Copy(night.LogPath, copy);

        store.Ingest([night.LogPath, copy]).Select(f => f.Outcome).ShouldBe([IngestOutcome.AlreadyIngested, IngestOutcome.AlreadyIngested], "the same bytes under another name too");

        store.Stats().ShouldBeEquivalentTo(before);
    }

    [Fact]
    public void An_ingest_larger_than_the_store_leaves_every_index_as_it_was_and_finds_by_them()
    {
        // Such an ingest drops the secondary indexes and makes them again after its rows. The night's log again and
        // again, each copy another job's (its session renamed, its files shared), until larger than the empty store.
        var location = StoreFor("reindexed.db");
        using var store = ProvenanceStore.Open(location);
        var jobs = new System.Text.StringBuilder();
        for (var job = 0; jobs.Length <= store.Stats().SizeInBytes; job++)
        {
            jobs.Append(night.LogAsJob(job));
        }

        var document = Path.Combine(_directory, "many-jobs.log");
        File.WriteAllText(document, jobs.ToString());
        new FileInfo(document).Length.ShouldBeGreaterThan(store.Stats().SizeInBytes);
        var before = Indexes(location);
        before.Select(i => i.Name).ShouldContain("relations_object");
        before.Select(i => i.Name).ShouldContain("entities_location");

        store.Ingest([document]).Single().Outcome.ShouldBe(IngestOutcome.Added);

        Indexes(location).ShouldBe(before);
        var merged = MergedNight(document);
        foreach (var (file, direction) in new[] { ("DL2/20201120/dl2_LST-1.Run01618.h5", LineageDirection.Back), ("R0/20201120/LST-1.1.Run01618.0001.fits.fz", LineageDirection.Forth) })
        {
            var start = merged.Entities.Values.Single(e => e.Get("prov:location") == DataFile(file)).Id;
            Nodes(store.Lineage(DataFile(file), new LineageOptions { Direction = direction })).ShouldBe(Walk(merged, start, direction), ignoreOrder: true);
        }

        store.Find(new FindQuery { Location = "*/dl2_LST-1.Run01618.h5" }).Items.Count.ShouldBe(1);
        var processed = merged.Activities.Values.Count(a => a.Get("prov:label") == "r0_to_dl1");
        processed.ShouldBeGreaterThan(0);
        store.Find(new FindQuery { Activity = "r0_to_dl1" }).Total.ShouldBe(processed);
    }

    [Fact]
    public void A_growing_log_ingested_twice_ends_as_if_ingested_once_complete()
    {
        // Cut just past a call's start from the middle on: its end is in the second part. (Cut at the middle itself,
        // the first part left no call running when the capture's timing put the middle between two calls.)
        var lines = File.ReadAllLines(night.LogPath);
        var cut = Array.FindIndex(lines, lines.Length / 2, l => l.Contains("\"prov_kind\":\"activity_start\"", StringComparison.Ordinal)) + 1;
        cut.ShouldBeGreaterThan(0, "a call starts in the second half of the night's log");
        var growing = Path.Combine(_directory, "growing.log");
        File.WriteAllLines(growing, lines[..cut]);
        using var store = NewStore();
        store.Ingest([growing]).ShouldHaveSingleItem().Outcome.ShouldBe(IngestOutcome.Added);
        var early = store.Find(new FindQuery { Status = "incomplete" });
        early.Total.ShouldBeGreaterThan(0, "the first half leaves calls running");

        File.WriteAllLines(growing, lines);
        store.Ingest([growing]).ShouldHaveSingleItem().Outcome.ShouldBe(IngestOutcome.Added);

        using var once = NewStore("once.db");
        once.Ingest([night.LogPath]);
        var (grown, whole) = (store.Stats(), once.Stats());
        (grown.Activities, grown.Entities, grown.Relations).ShouldBe((whole.Activities, whole.Entities, whole.Relations));
        store.Find(new FindQuery { Status = "incomplete" }).Total.ShouldBe(0, "the calls the first half left running ended in the second");
        foreach (var item in early.Items)
        {
            store.Find(new FindQuery { Activity = item.Name, Limit = 1000 }).Items.Single(i => i.Id == item.Id).Status.ShouldBe("succeeded");
        }
    }

    [Fact]
    public void A_prov_json_document_gives_the_same_lineage_as_the_log_it_was_merged_from()
    {
        var document = Path.Combine(_directory, "night.prov.json");
        ProvOutput.Write(ProvenanceMerger.Merge([night.LogPath], new MergeOptions()).Graph, document);
        using var fromLog = NewStore("log.db");
        using var fromDocument = NewStore("document.db");
        fromLog.Ingest([night.LogPath]);
        fromDocument.Ingest([document]).ShouldHaveSingleItem().Format.ShouldBe("prov-json");

        var dl2 = DataFile("DL2/20201120/dl2_LST-1.Run01618.h5");
        Nodes(fromDocument.Lineage(dl2)).ShouldBe(Nodes(fromLog.Lineage(dl2)));
    }

    [Fact]
    public void An_lst_log_is_ingested_and_walked()
    {
        const string P = "__PROV__";
        var log = Path.Combine(_directory, "lstosa.log");
        File.WriteAllLines(log,
        [
            $"{P}2020-11-21T01:03:09.131522{P}{{'session_id': 1605920589, 'name': 'provprocess.py', 'observation_date': '20201120', 'session_tag': 'r0_to_dl1:02006.0007'}}",
            $"{P}2020-11-21T01:03:09.152031{P}{{'activity_id': 'a-1', 'name': 'r0_to_dl1', 'startTime': '2020-11-21T01:03:09.152031', 'in_session': 1605920589, 'observation_run': '02006', 'observation_subrun': '0007'}}",
            $"{P}2020-11-21T01:03:09.160000{P}{{'entity_id': 'r0', 'name': 'R0SubrunDataset', 'location': '/fefs/R0/LST-1.1.Run02006.0007.fits.fz', 'hash': 'r0', 'hash_type': 'md5'}}",
            $"{P}2020-11-21T01:03:09.160100{P}{{'activity_id': 'a-1', 'used_role': 'R0 subrun', 'used_id': 'r0'}}",
            $"{P}2020-11-21T01:05:00.000000{P}{{'entity_id': 'dl1', 'name': 'DL1SubrunDataset', 'location': '/fefs/DL1/dl1_LST-1.Run02006.0007.h5', 'hash': 'dl1', 'hash_type': 'md5'}}",
            $"{P}2020-11-21T01:05:00.000100{P}{{'activity_id': 'a-1', 'generated_role': 'DL1 subrun', 'generated_id': 'dl1'}}",
            $"{P}2020-11-21T01:05:01.000000{P}{{'activity_id': 'a-1', 'endTime': '2020-11-21T01:05:01.000000'}}",
        ]);
        using var store = NewStore();
        store.Ingest([log]).ShouldHaveSingleItem().Outcome.ShouldBe(IngestOutcome.Added);

        var lineage = store.Lineage("/fefs/DL1/dl1_LST-1.Run02006.0007.h5");

        lineage.Nodes.Select(n => (n.Kind, n.Name, n.Depth)).ShouldBe([("entity", "DL1SubrunDataset", 0), ("activity", "r0_to_dl1", 1), ("entity", "R0SubrunDataset", 2)]);
        lineage.Nodes[1].Run.ShouldBe(2006);
        lineage.Nodes[1].Subrun.ShouldBe(7);
        store.Find(new FindQuery { Run = "02006", Subrun = "7" }).Items.ShouldHaveSingleItem().Name.ShouldBe("r0_to_dl1");
    }

    [Fact]
    public void Ctapipe_provenance_files_are_ingested_and_joined_across_tools_by_product_and_activity_ids()
    {
        // ctapipe-process writes the DL1 file; ctapipe-apply-models reads it (its metadata names the product
        // and the activity that made it) and writes DL2. Each run appends its array: two arrays in one file.
        var process = """
            [{"activity_name": "ctapipe-process", "activity_uuid": "aaaa-1", "status": "completed", "exit_code": 0,
              "start": {"time_utc": "2024-03-01T20:00:00.000"}, "stop": {"time_utc": "2024-03-01T20:05:00.000"},
              "system": {"ctapipe_version": "0.20.0", "executable": "/opt/conda/bin/python", "arguments": ["ctapipe-process", "--input", "r0.fits.fz"]},
              "input": [{"url": "/data/r0/LST-1.1.Run02006.0007.fits.fz", "role": "DL0/Event", "reference_meta": null}],
              "output": [{"url": "/data/dl1/dl1_Run02006.0007.h5", "role": "DL1/Event", "reference_meta": {"CTA PRODUCT ID": "prod-dl1-7", "CTA ACTIVITY ID": "aaaa-1"}}]}]
            """;
        var apply = """
            [{"activity_name": "ctapipe-apply-models", "activity_uuid": "bbbb-2", "status": "completed", "exit_code": 0,
              "start": {"time_utc": "2024-03-01T21:00:00.000"}, "stop": {"time_utc": "2024-03-01T21:01:00.000"},
              "input": [{"url": "/data/dl1/dl1_Run02006.0007.h5", "role": "DL1/Event", "reference_meta": {"product": {"id": "prod-dl1-7"}, "activity": {"id": "aaaa-1"}}}],
              "output": [{"url": "/data/dl2/dl2_Run02006.0007.h5", "role": "DL2/Event", "reference_meta": {"product": {"id": "prod-dl2-7"}, "activity": {"id": "bbbb-2"}}}]}]
            """;
        var log = Path.Combine(_directory, "ctapipe.provenance.log");
        File.WriteAllText(log, process + "\n" + apply);
        using var store = NewStore();

        store.Ingest([log]).ShouldHaveSingleItem().Format.ShouldBe("ctapipe");
        var lineage = store.Lineage("/data/dl2/dl2_Run02006.0007.h5");

        lineage.Nodes.Select(n => (n.Kind, n.Name, n.Depth)).ShouldBe(
        [
            ("entity", "dl2_Run02006.0007.h5", 0), ("activity", "ctapipe-apply-models", 1), ("entity", "dl1_Run02006.0007.h5", 2),
            ("activity", "ctapipe-process", 3), ("entity", "LST-1.1.Run02006.0007.fits.fz", 4),
        ]);
        lineage.Nodes[2].Id.ShouldBe("ent:prod-dl1-7", "named by its product id in both runs");
        lineage.Edges.ShouldContain(new LineageEdge("used", "act:bbbb-2", "ent:prod-dl1-7", "DL1/Event"));
        store.Find(new FindQuery { Activity = "ctapipe-process", Status = "completed" }).Items.ShouldHaveSingleItem().Start.ShouldBe(new DateTimeOffset(2024, 3, 1, 20, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("DL2/20201120/dl2_LST-1.Run01618.h5", LineageDirection.Back)]
    [InlineData("DL2/20201120/dl2_LST-1.Run01619.0002.h5", LineageDirection.Back)]
    [InlineData("R0/20201120/LST-1.1.Run01618.0001.fits.fz", LineageDirection.Forth)]
    [InlineData("running_analysis/20201120/calibration/calibration_filters_52.Run01605.0000.h5", LineageDirection.Forth)]
    public void Lineage_reaches_what_a_breadth_first_walk_of_the_merged_document_reaches_at_the_same_depths(string file, LineageDirection direction)
    {
        using var store = NewStore();
        store.Ingest([night.LogPath]);
        var document = MergedNight();
        var path = DataFile(file);
        var start = document.Entities.Values.Single(e => e.Get("prov:location") == path).Id;

        var lineage = store.Lineage(path, new LineageOptions { Direction = direction });

        lineage.Start.ShouldBe([start]);
        lineage.Truncated.ShouldBeFalse();
        Nodes(lineage).ShouldBe(Walk(document, start, direction), ignoreOrder: true);
        lineage.Nodes.Select(n => n.Depth).ShouldBeInOrder(SortDirection.Ascending, "nearest first");
        lineage.Nodes.Count.ShouldBeGreaterThan(5);
        lineage.Edges.ShouldAllBe(e => lineage.Nodes.Any(n => n.Id == e.Subject) && lineage.Nodes.Any(n => n.Id == e.Object));
        lineage.ToDocument().Relations.Count.ShouldBe(lineage.Edges.Count);
    }

    [Theory]
    [InlineData("R0/20201120/LST-1.1.Run01618.0001.fits.fz", LineageDirection.Forth, null)]
    [InlineData("DL2/20201120/dl2_LST-1.Run01618.h5", LineageDirection.Back, null)]
    [InlineData("DL2/20201120/dl2_LST-1.Run01618.h5", LineageDirection.Back, 2)]
    public void A_streamed_lineage_hands_over_the_nodes_and_relations_of_the_whole_answer(string file, LineageDirection direction, int? depth)
    {
        using var store = NewStore();
        store.Ingest([night.LogPath]);
        var path = DataFile(file);
        var whole = store.Lineage(path, new LineageOptions { Direction = direction, Depth = depth });

        using var stream = store.StreamLineage(path, new LineageOptions { Direction = direction, Depth = depth, WithAttributes = false });
        Should.Throw<InvalidOperationException>(() => stream.Edges);
        stream.Count.ShouldBe(whole.Nodes.Count);
        var streamed = stream.Nodes.ToList();

        streamed.Select(n => n with { Attributes = null }).ShouldBe(whole.Nodes.Select(n => n with { Attributes = null }), ignoreOrder: true);
        streamed.ShouldAllBe(n => n.Attributes == null);
        whole.Nodes.Where(n => n.Kind != "unknown").ShouldAllBe(n => n.Attributes != null);
        stream.Edges.ShouldBe(whole.Edges, ignoreOrder: true);
        stream.Start.ShouldBe(whole.Start);
        Should.Throw<InvalidOperationException>(() => stream.Nodes);
    }

    [Fact]
    public void Each_file_carries_the_run_of_the_activity_that_made_it_or_else_used_it()
    {
        using var store = NewStore();
        store.Ingest([night.LogPath]);

        var forth = store.Lineage(DataFile("R0/20201120/LST-1.1.Run01618.0001.fits.fz"), new LineageOptions { Direction = LineageDirection.Forth });

        // The R0 file was made by no activity of the store: its run is that of the calibration that used it.
        forth.Nodes.Where(n => n.Kind == "entity").ShouldAllBe(n => n.Run == 1618);
        forth.Nodes.Single(n => n.Depth == 0).Subrun.ShouldBe(1);
    }

    [Fact]
    public void The_relation_kind_codes_are_those_of_the_schema()
    {
        var location = StoreFor("kinds.db");
        ProvenanceStore.Open(location).Dispose();
        using var connection = EngineOf(location).Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT code, name FROM relation_kinds ORDER BY code";
        using var reader = command.ExecuteReader();
        var kinds = new List<(int, string)>();
        while (reader.Read())
        {
            kinds.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        kinds.ShouldBe(RelationKinds.All.ToList());
        ProvRelationShape.All.Select(s => s.Name).ShouldBe(kinds.Select(k => k.Item2), ignoreOrder: true);
    }

    [Fact]
    public void A_store_of_schema_version_1_is_migrated_with_its_elements_relations_and_lineage()
    {
        var location = StoreFor("v1.db");
        var engine = EngineOf(location);
        using (var connection = engine.Open())
        {
            using var script = new StreamReader(typeof(ProvenanceStore).Assembly.GetManifestResourceStream($"{engine.Name}-001-initial.sql")!);
            Execute(connection, script.ReadToEnd());
            Execute(connection, """
                CREATE TABLE schema_version (version INTEGER NOT NULL);
                INSERT INTO schema_version (version) VALUES (1);
                INSERT INTO documents (source, format, content_hash, size, records, ingested_at) VALUES ('/logs/job.log', 'log', 'abc', 10, 9, '2020-11-21T00:00:00.0000000Z');
                INSERT INTO entities (id, name, location, hash, attributes, document) VALUES
                    ('ent:r0', 'R0SubrunDataset', '/fefs/R0/LST-1.1.Run02006.0007.fits.fz', 'h0', '{}', 1),
                    ('ent:dl1', 'DL1SubrunDataset', '/fefs/DL1/dl1_LST-1.Run02006.0007.h5', 'h1', '{}', 1);
                INSERT INTO activities (id, name, status, run, subrun, session, attributes, document) VALUES
                    ('act:1', 'r0_to_dl1', 'succeeded', 2006, 7, 'agent:session_1', '{}', 1);
                INSERT INTO agents (id, name, attributes, document) VALUES ('agent:session_1', 'session', '{}', 1);
                INSERT INTO relations (subject, kind, object, role, document) VALUES
                    ('act:1', 'used', 'ent:r0', 'R0 subrun', 1), ('ent:dl1', 'wasGeneratedBy', 'act:1', '', 1),
                    ('act:1', 'wasAssociatedWith', 'agent:session_1', '', 1), ('ent:dl1', 'wasDerivedFrom', 'ent:gone', '', 1);
                """);
        }

        using var store = ProvenanceStore.Open(location);

        var stats = store.Stats();
        (stats.Documents, stats.Activities, stats.Entities, stats.Agents, stats.Relations).ShouldBe((1L, 1L, 2L, 1L, 4L));
        var back = store.Lineage("/fefs/DL1/dl1_LST-1.Run02006.0007.h5");
        back.Nodes.Select(n => (n.Id, n.Kind, n.Depth)).ShouldBe([("ent:dl1", "entity", 0), ("act:1", "activity", 1), ("ent:gone", "unknown", 1), ("ent:r0", "entity", 2)]);
        back.Edges.ShouldContain(new LineageEdge("used", "act:1", "ent:r0", "R0 subrun"));
        store.Find(new FindQuery { Run = "2006", Subrun = "7" }).Items.ShouldHaveSingleItem().Id.ShouldBe("act:1");
        store.Find(new FindQuery { Agent = "session" }).Items.ShouldHaveSingleItem().Id.ShouldBe("act:1");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void A_depth_limit_stops_the_walk_where_the_independent_walk_stops(int depth)
    {
        using var store = NewStore();
        store.Ingest([night.LogPath]);
        var document = MergedNight();
        var path = DataFile("DL2/20201120/dl2_LST-1.Run01618.h5");
        var start = document.Entities.Values.Single(e => e.Get("prov:location") == path).Id;

        Nodes(store.Lineage(path, new LineageOptions { Depth = depth })).ShouldBe(Walk(document, start, LineageDirection.Back, depth), ignoreOrder: true);
    }

    [Fact]
    public void Every_attribute_of_every_element_reads_back_as_the_merged_document_has_it()
    {
        // A file's label, type, location, hash and size are kept in its columns alone, not again in its JSON: put back on reading.
        var location = StoreFor("held.db");
        using var store = ProvenanceStore.Open(location);
        store.Ingest([night.LogPath]);
        var document = MergedNight();

        ShouldReadBackAsIn(document, store, DataFile("DL2/20201120/dl2_LST-1.Run01618.h5"));
        // The night's files have one plain label, location and hash each, and an xsd:long size: none is in their JSON.
        StoredJson(location, "entities", "1 = 1").ShouldAllBe(json => !json.Contains("\"prov:label\"") && !json.Contains("\"prov:location\"")
            && !json.Contains("\"provcap:hash\"") && !json.Contains("\"provcap:size\""));
        foreach (var agent in document.Agents.Values)
        {
            AttributesOf(store.Describe(agent.Id).ShouldHaveSingleItem().Element).ShouldBe(AttributesOf(agent), agent.Id);
        }
    }

    [Fact]
    public void Attributes_a_column_cannot_keep_exactly_are_kept_whole_and_read_back_unchanged()
    {
        // Typed otherwise than the column's literal, several values, numbers that read back as other digits, empty texts.
        var odd = Path.Combine(_directory, "odd.json");
        File.WriteAllText(odd, """
            {"prefix": {"ex": "urn:ex:"},
             "entity": {
               "ex:typed": {"prov:label": {"$": "Typed", "type": "xsd:string"}, "prov:type": "File", "provcap:size": {"$": "12", "type": "xsd:int"}, "prov:location": "/data/typed.h5"},
               "ex:two": {"prov:label": ["First", "Second"], "provcap:hash": ["aa", "bb"], "prov:location": ""},
               "ex:digits": {"provcap:size": {"$": "0100", "type": "xsd:long"}, "provcap:hash_type": "md5", "provcap:contentType": ""},
               "ex:words": {"provcap:size": {"$": "big", "type": "xsd:long"}, "prov:type": {"$": "ex:Thing", "type": "xsd:QName"}},
               "ex:plain": {"provcap:size": {"$": "-7", "type": "xsd:long"}, "provcap:hash": "cc", "ex:other": 3}},
             "activity": {
               "ex:run": {"prov:label": "step", "provcap:run": "1618", "provcap:subrun": {"$": "+2", "type": "xsd:int"}, "provcap:status": ["incomplete", "succeeded"], "provcap:observation_date": {"$": "2020-11-20", "type": "xsd:date"}},
               "ex:ran": {"prov:label": "step", "provcap:run": {"$": "1619", "type": "xsd:int"}, "provcap:subrun": {"$": "1", "type": "xsd:int"}, "provcap:status": "failed", "provcap:observation_date": "2020-11-21"}},
             "used": {"_:u1": {"prov:activity": "ex:run", "prov:entity": "ex:typed"}, "_:u2": {"prov:activity": "ex:run", "prov:entity": "ex:two"},
                      "_:u3": {"prov:activity": "ex:run", "prov:entity": "ex:digits"}, "_:u4": {"prov:activity": "ex:ran", "prov:entity": "ex:words"}},
             "wasGeneratedBy": {"_:g1": {"prov:entity": "ex:plain", "prov:activity": "ex:run"}},
             "wasInformedBy": {"_:i1": {"prov:informed": "ex:run", "prov:informant": "ex:ran"}}}
            """);
        var document = ProvJsonReader.Read(odd);
        var location = StoreFor("odd.db");
        using var store = ProvenanceStore.Open(location);
        store.Ingest([odd]).ShouldHaveSingleItem().Outcome.ShouldBe(IngestOutcome.Added);
        var plain = StoredJson(location, "entities", "x.node = (SELECT id FROM nodes WHERE key = 'ex:plain')").ShouldHaveSingleItem();
        plain.ShouldContain("ex:other");
        plain.ShouldNotContain("provcap:hash", Case.Sensitive, "a hash of one plain value is kept by its column alone");
        plain.ShouldNotContain("provcap:size", Case.Sensitive, "so is a size of one xsd:long value that reads back the same");

        ShouldReadBackAsIn(document, store, "ex:plain").ShouldBe(document.Entities.Count + document.Activities.Count, "the walk back reaches every element");
    }

    [Fact]
    public void A_relation_given_twice_at_two_times_is_stored_once_with_the_first_time()
    {
        // Each of 300 files used twice by one activity, first at 2020-01-01, then at 2021-01-01; PostgreSQL sorts the rows
        // by their nodes' keys before storing them, and must keep the first of each, as SQLite does.
        var twice = Path.Combine(_directory, "twice.json");
        var files = Enumerable.Range(0, 300).ToList();
        var entities = string.Join(", ", files.Select(i => $"\"ex:f{i}\": {{}}"));
        var used = string.Join(", ", files.SelectMany(i => new[] { 2020, 2021 }.Select(year =>
            $"\"_:u{i}_{year}\": {{\"prov:activity\": \"ex:a\", \"prov:entity\": \"ex:f{i}\", \"prov:time\": \"{year}-01-01T00:00:00Z\"}}")));
        File.WriteAllText(twice, """{"prefix": {"ex": "urn:ex:"}, "activity": {"ex:a": {}}, "entity": {""" + entities + """}, "used": {""" + used + "}}");
        var location = StoreFor("twice.db");
        using (var store = ProvenanceStore.Open(location))
        {
            store.Ingest([twice]).ShouldHaveSingleItem().Outcome.ShouldBe(IngestOutcome.Added);
        }

        using var connection = EngineOf(location).Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT time, COUNT(*) FROM relations WHERE kind = {RelationKinds.Code("used")} GROUP BY time";
        using var reader = command.ExecuteReader();
        reader.Read().ShouldBeTrue();
        (reader.GetString(0)[..4], reader.GetInt64(1)).ShouldBe(("2020", 300L));
        reader.Read().ShouldBeFalse("every file's use is stored once, at its first time");
    }

    [Fact]
    public void An_entity_without_name_or_path_is_an_entity_also_without_its_attributes()
    {
        // A bug of the streamed walk: an entity with neither name nor location was told "unknown" when its attributes were not read.
        var bare = Path.Combine(_directory, "bare.json");
        File.WriteAllText(bare, """{"prefix": {"ex": "urn:ex:"}, "entity": {"ex:a": {}, "ex:b": {}}, "wasDerivedFrom": {"_:1": {"prov:generatedEntity": "ex:a", "prov:usedEntity": "ex:b"}}}""");
        using var store = NewStore();
        store.Ingest([bare]);

        store.Lineage("ex:a", new LineageOptions { WithAttributes = false }).Nodes.Select(n => (n.Id, n.Kind)).ShouldBe([("ex:a", "entity"), ("ex:b", "entity")]);
    }

    [Fact]
    public void A_cycle_is_walked_once_and_a_node_cap_truncates_and_says_so()
    {
        var cyclic = Path.Combine(_directory, "cycle.json");
        File.WriteAllText(cyclic, """
            {"prefix": {"ex": "urn:ex:"},
             "entity": {"ex:a": {}, "ex:b": {}, "ex:c": {}},
             "wasDerivedFrom": {"_:1": {"prov:generatedEntity": "ex:a", "prov:usedEntity": "ex:b"},
                                "_:2": {"prov:generatedEntity": "ex:b", "prov:usedEntity": "ex:c"},
                                "_:3": {"prov:generatedEntity": "ex:c", "prov:usedEntity": "ex:a"}}}
            """);
        using var store = NewStore();
        store.Ingest([cyclic]);

        var all = store.Lineage("ex:a");
        var capped = store.Lineage("ex:a", new LineageOptions { MaxNodes = 2 });

        Nodes(all).ShouldBe(new Dictionary<string, int> { ["ex:a"] = 0, ["ex:b"] = 1, ["ex:c"] = 2 }, ignoreOrder: true);
        all.Edges.Count.ShouldBe(3);
        all.Truncated.ShouldBeFalse();
        capped.Nodes.Select(n => n.Id).ShouldBe(["ex:a", "ex:b"]);
        capped.Truncated.ShouldBeTrue();
    }

    [Fact]
    public void A_node_is_named_by_path_relative_or_absolute_by_id_or_by_content_hash()
    {
        using var store = NewStore();
        store.Ingest([night.LogPath]);
        var path = DataFile("DL2/20201120/dl2_LST-1.Run01618.h5");
        var byPath = store.Lineage(path, new LineageOptions { Depth = 1 });
        var hash = store.Find(new FindQuery { Location = path }).Items.ShouldHaveSingleItem().Hash!;

        store.Lineage(byPath.Start[0], new LineageOptions { Depth = 1 }).Start.ShouldBe(byPath.Start);
        store.Lineage(byPath.Start[0]["ent:".Length..], new LineageOptions { Depth = 1 }).Start.ShouldBe(byPath.Start, "the id without its prefix");
        store.Lineage(hash, new LineageOptions { Depth = 1 }).Start.ShouldBe(byPath.Start);
        var previous = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = night.Data;
            store.Lineage("DL2/20201120/dl2_LST-1.Run01618.h5", new LineageOptions { Depth = 1 }).Start.ShouldBe(byPath.Start);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }

        var missing = Path.Combine(_directory, "nowhere.h5");
        Should.Throw<StoreException>(() => store.Lineage(missing)).Message.ShouldContain($"the path '{missing}'");
    }

    [Fact]
    public void Find_selects_by_each_criterion_and_pages()
    {
        using var store = NewStore();
        store.Ingest([night.LogPath]);
        var document = MergedNight();
        var r0ToDl1 = document.Activities.Values.Where(a => a.Get("prov:label") == "r0_to_dl1").ToList();

        store.Find(new FindQuery { Activity = "r0_to_dl1" }).Total.ShouldBe(r0ToDl1.Count);
        store.Find(new FindQuery { Activity = "r0_to_dl1", Run = "01618" }).Items.ShouldAllBe(i => i.Run == 1618);
        store.Find(new FindQuery { Activity = "r0_to_dl1", Run = "1618", Subrun = "1" }).Items.ShouldHaveSingleItem().Subrun.ShouldBe(1);
        store.Find(new FindQuery { Status = "failed" }).Total.ShouldBe(0);
        store.Find(new FindQuery { Agent = "lst_onsite_sequencer" }).Total.ShouldBe(document.Activities.Count);
        store.Find(new FindQuery { Agent = "nobody" }).Total.ShouldBe(0);
        var dl2 = store.Find(new FindQuery { EntityName = "DL2SubrunDataset" });
        dl2.Total.ShouldBe(6);
        store.Find(new FindQuery { Location = "*/DL2/*.0002.h5" }).Items.Select(i => Path.GetFileName(i.Location)).ShouldBe(["dl2_LST-1.Run01618.0002.h5", "dl2_LST-1.Run01619.0002.h5"]);
        store.Find(new FindQuery { Location = "*/dl2/*" }).Total.ShouldBe(0, "paths compare case-sensitively");
        store.Find(new FindQuery { EntityName = "DL2SubrunDataset", Run = "1619" }).Total.ShouldBe(3, "files the run's activities used or generated");
        store.Find(new FindQuery { Hash = dl2.Items[0].Hash }).Items.ShouldContain(i => i.Id == dl2.Items[0].Id);

        // The store's own start times (PROV-JSON keeps milliseconds: parallel subruns may start within one, and a
        // millisecond bound then takes in an activity that started earlier in it).
        var starts = store.Find(new FindQuery { Activity = "r0_to_dl1" }).Items.Select(i => i.Start!.Value).Order().ToList();
        starts.Count.ShouldBe(r0ToDl1.Count);
        starts.Select(s => s.ToUnixTimeMilliseconds()).ShouldBe(r0ToDl1.Select(a => a.StartTime!.Value.ToUnixTimeMilliseconds()).Order());
        store.Find(new FindQuery { Activity = "r0_to_dl1", From = starts[2] }).Total.ShouldBe(starts.Count(s => s >= starts[2]));
        store.Find(new FindQuery { Activity = "r0_to_dl1", To = starts[2] }).Total.ShouldBe(starts.Count(s => s < starts[2]));
        store.Find(new FindQuery { Activity = "r0_to_dl1", From = starts[2], To = starts[^1] }).Total.ShouldBe(starts.Count(s => s >= starts[2] && s < starts[^1]));

        var pages = Enumerable.Range(0, 3).SelectMany(page => store.Find(new FindQuery { Activity = "r0_to_dl1", Offset = page * 2, Limit = 2 }).Items).ToList();
        pages.Select(i => i.Id).ShouldBe(store.Find(new FindQuery { Activity = "r0_to_dl1" }).Items.Select(i => i.Id));
        pages.Select(i => i.Start).ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public void A_file_that_is_no_provenance_fails_alone_and_names_itself()
    {
        var other = Path.Combine(_directory, "notes.txt");
        File.WriteAllText(other, "shopping list\n");
        var empty = Path.Combine(_directory, "empty.log");
        File.WriteAllText(empty, string.Empty);
        using var store = NewStore();

        var results = store.Ingest([other, empty, night.LogPath]);

        results.Select(r => r.Outcome).ShouldBe([IngestOutcome.Failed, IngestOutcome.Empty, IngestOutcome.Added]);
        results[0].Error!.ShouldContain("neither a provenance log");
        store.Stats().Documents.ShouldBe(1);
    }

    private List<(string Name, string Table, string Definition)> Indexes(string location)
    {
        using var connection = EngineOf(location).Open();
        using var command = connection.CreateCommand();
        command.CommandText = IndexesSql;
        using var reader = command.ExecuteReader();
        var indexes = new List<(string, string, string)>();
        while (reader.Read())
        {
            indexes.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return indexes;
    }

    private static Dictionary<string, int> Nodes(LineageResult lineage) => lineage.Nodes.ToDictionary(n => n.Id, n => n.Depth);

    // Every entity and activity of the document, described by the store and in the back lineage of a node
    // (with its attributes), has the document's attributes; returns how many elements the lineage gave.
    private static int ShouldReadBackAsIn(ProvDocument document, ProvenanceStore store, string lineageStart)
    {
        foreach (var element in document.Entities.Values.Concat(document.Activities.Values))
        {
            AttributesOf(store.Describe(element.Id).ShouldHaveSingleItem().Element).ShouldBe(AttributesOf(element), element.Id);
        }

        var lineage = store.Lineage(lineageStart).ToDocument();
        lineage.Entities.Count.ShouldBeGreaterThan(2);
        foreach (var element in lineage.Entities.Values.Concat(lineage.Activities.Values))
        {
            var stored = element.Kind == ProvElementKind.Entity ? document.Entities[element.Id] : document.Activities[element.Id];
            AttributesOf(element).ShouldBe(AttributesOf(stored), element.Id);
        }

        return lineage.Entities.Count + lineage.Activities.Count;
    }

    // The attributes JSON of a table's rows (alias x) that the condition selects, as stored.
    private List<string> StoredJson(string location, string table, string condition)
    {
        using var connection = EngineOf(location).Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT x.attributes FROM {table} x WHERE {condition}";
        using var reader = command.ExecuteReader();
        var found = new List<string>();
        while (reader.Read())
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    // Every attribute of an element, name by name, each value with its literal type.
    private static List<string> AttributesOf(ProvElement element)
        => [.. element.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} = {string.Join(" | ", a.Value.Select(v => $"{v.Text} ^ {v.Type}"))}")];

    private static void Execute(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void A_graph_whose_reading_fails_while_rows_are_written_reports_its_own_error_and_stores_nothing()
    {
        // The rows are made on a second thread: the maker's error must reach the caller as it is, and no row
        // of the half-made graph may be kept.
        var location = StoreFor("cut.db");
        ProvenanceStore.Open(location).Dispose();
        var graph = new CutGraph(files: 60_000, relationsBeforeTheCut: 50_000);

        var error = Should.Throw<InvalidDataException>(() => WriteInOneTransaction(location, graph));

        error.Message.ShouldBe("cut after 50000 relations");
        using var store = ProvenanceStore.Open(location);
        var stats = store.Stats();
        (stats.Entities, stats.Activities, stats.Relations).ShouldBe((0L, 0L, 0L));
    }

    [Fact]
    public void A_write_that_fails_in_the_database_stops_the_rows_being_made_and_reports_the_database_error()
    {
        // With its table gone the relations' writer fails at once, while the maker still has tens of thousands of
        // rows to hand over: it must be stopped, not left waiting for a writer that is gone.
        var location = StoreFor("gone.db");
        ProvenanceStore.Open(location).Dispose();
        var graph = new CutGraph(files: 200_000, relationsBeforeTheCut: int.MaxValue);

        var error = Should.Throw<System.Data.Common.DbException>(() => WriteInOneTransaction(location, graph, before: "DROP TABLE relations"));

        error.Message.ShouldContain("relations");
        using var store = ProvenanceStore.Open(location);
        store.Stats().Entities.ShouldBe(0);
    }

    // Writes a graph as an ingest does, inside one transaction (after the given statement) that is committed
    // only if the write succeeds; within a minute, or the writer is taken to be stuck.
    private void WriteInOneTransaction(string location, IProvGraph graph, string? before = null)
    {
        var engine = EngineOf(location);
        using var connection = engine.Open();
        using var transaction = engine.BeginWrite(connection);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        if (before is not null)
        {
            command.CommandText = before;
            command.ExecuteNonQuery();
        }

        command.CommandText = "INSERT INTO documents (source, format, content_hash, size, records, ingested_at) VALUES ('/cut.json', 'prov-json', 'cut', 1, 0, '2020-11-21T00:00:00.0000000Z') RETURNING id";
        var document = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        var write = Task.Run(() => new GraphWriter(engine, new IngestScope(connection, transaction, document)).Write(graph));
        write.WaitAsync(TimeSpan.FromMinutes(1)).ConfigureAwait(false).GetAwaiter().GetResult();
        transaction.Commit();
    }

    [Fact]
    public void A_project_scope_hides_another_projects_documents_from_lineage_describe_find_and_runs()
    {
        using var store = NewStore();
        store.Ingest([night.LogPath]);
        var dl2 = DataFile("DL2/20201120/dl2_LST-1.Run01618.h5");
        var dl2Id = store.Describe(dl2).ShouldHaveSingleItem().Id;
        var before = store.Lineage(dl2, new LineageOptions { Direction = LineageDirection.Forth });
        store.Ingest([ProjectDocuments.WriteEmbargoed(_directory, dl2Id)], new IngestOptions { Project = "embargo" }).ShouldHaveSingleItem().Outcome.ShouldBe(IngestOutcome.Added);
        string[] other = ["lst-public"];

        // Unscoped and in the embargo's own scope, the reanalysis is part of the DL2 file's future.
        foreach (var projects in new[] { null, new[] { "embargo" }, new[] { "lst-public", "embargo" } })
        {
            var forth = store.Lineage(dl2, new LineageOptions { Direction = LineageDirection.Forth, Projects = projects });
            forth.Nodes.Select(n => n.Id).ShouldContain(ProjectDocuments.Product);
            forth.Nodes.Select(n => n.Id).ShouldContain(ProjectDocuments.Reanalysis);
        }

        // Another project's scope: as if the embargoed document were not in the store.
        var scoped = store.Lineage(dl2, new LineageOptions { Direction = LineageDirection.Forth, Projects = other });
        Nodes(scoped).ShouldBe(Nodes(before));
        scoped.Edges.Count.ShouldBe(before.Edges.Count);
        Should.Throw<StoreException>(() => store.Lineage(ProjectDocuments.Product, new LineageOptions { Projects = other }));
        store.Describe(ProjectDocuments.Product, other).ShouldBeEmpty();
        store.Describe(ProjectDocuments.Investigator, other).ShouldBeEmpty();
        store.Describe(dl2, other).ShouldHaveSingleItem().Relations.ShouldNotContain(r => r.Subject == ProjectDocuments.Reanalysis);
        store.Find(new FindQuery { Run = ProjectDocuments.Run.ToString(System.Globalization.CultureInfo.InvariantCulture), Projects = other }).Total.ShouldBe(0);
        store.Find(new FindQuery { Location = "*secret*", Projects = other }).Total.ShouldBe(0);
        store.Runs(other).Select(r => r.Run).ShouldNotContain(ProjectDocuments.Run);
        store.RunOverview(ProjectDocuments.Run, other).Activities.ShouldBeEmpty();

        // The embargo's scope sees it whole, agent included.
        var described = store.Describe(ProjectDocuments.Product, ["embargo"]).ShouldHaveSingleItem();
        described.Project.ShouldBe("embargo");
        described.Relations.ShouldContain(new NodeRelation("wasGeneratedBy", ProjectDocuments.Product, ProjectDocuments.Reanalysis, null) { OtherKind = "activity", OtherName = "reanalysis" });
        store.Describe(dl2, ["embargo"]).ShouldHaveSingleItem().Relations.ShouldContain(r => r.Subject == ProjectDocuments.Reanalysis && r.Kind == "used");
        store.Find(new FindQuery { Location = "*secret*", Projects = ["embargo"] }).Total.ShouldBe(1);
        store.Runs(["embargo"]).ShouldContain(r => r.Run == ProjectDocuments.Run && r.Activities == 1);
        var withAgents = store.Lineage(ProjectDocuments.Product, new LineageOptions { Projects = ["embargo"], WithAgents = true });
        withAgents.Nodes.ShouldContain(n => n.Id == ProjectDocuments.Investigator && n.Kind == "agent");
        withAgents.Edges.ShouldContain(new LineageEdge("wasAssociatedWith", ProjectDocuments.Reanalysis, ProjectDocuments.Investigator, null));
    }

    [Fact]
    public void A_run_overview_folds_the_subruns_into_one_node_per_activity_and_file_name_with_their_counts()
    {
        using var store = NewStore();
        store.Ingest([night.LogPath]);
        var merged = MergedNight();
        var activities = merged.Activities.Values.Where(a => a.Get("provcap:run") is "1618").ToList();

        var overview = store.RunOverview(1618);

        overview.Activities.Values.Select(a => a.Get("prov:label")).Order().ShouldBe(activities.Select(a => a.Get("prov:label")).Distinct().Order());
        foreach (var group in overview.Activities.Values)
        {
            var count = activities.Count(a => a.Get("prov:label") == group.Get("prov:label"));
            (group.Get("provcap:member_count") ?? (group.Get("provcap:member") is null ? "0" : "1")).ShouldBe(count.ToString(System.Globalization.CultureInfo.InvariantCulture), group.Id);
        }

        // Every used and made file of the run's activities is counted once under its name.
        var ids = activities.Select(a => a.Id).ToHashSet();
        var files = merged.Relations.Where(r => (r.Kind == ProvRelationKind.Used && ids.Contains(r.Subject)) || (r.Kind == ProvRelationKind.WasGeneratedBy && ids.Contains(r.Object)))
            .Select(r => r.Kind == ProvRelationKind.Used ? r.Object : r.Subject).Distinct().Select(id => merged.Entities[id]).GroupBy(e => e.Get("prov:label"));
        overview.Entities.Values.Select(e => (e.Get("prov:label"), e.Get("provcap:member_count") ?? "1")).Order()
            .ShouldBe(files.Select(g => (g.Key, g.Count().ToString(System.Globalization.CultureInfo.InvariantCulture))).Order());
        overview.Entities.Values.Where(e => e.Get("provcap:member") is { } member).ShouldAllBe(e => store.Describe(e.Get("provcap:member")!, null).Count == 1);
        store.RunOverview(99999).Activities.ShouldBeEmpty();
    }

    [Fact]
    public void Runs_give_each_run_once_with_its_night_subruns_activities_and_time_span()
    {
        using var store = NewStore();
        store.Ingest([night.LogPath]);
        var merged = MergedNight();
        var runs = store.Runs();

        runs.Select(r => r.Run).ShouldBeUnique();
        var run = runs.Single(r => r.Run == 1618);
        var activities = merged.Activities.Values.Where(a => a.Get("provcap:run") is "1618").ToList();
        run.Activities.ShouldBe(activities.Count);
        run.Date.ShouldBe(activities.Select(a => a.Get("provcap:observation_date")).Max());
        // The document written and read back holds times to the millisecond.
        (run.Start!.Value - activities.Min(a => a.StartTime)!.Value).Duration().ShouldBeLessThan(TimeSpan.FromMilliseconds(1));
        (run.End!.Value - activities.Max(a => a.EndTime)!.Value).Duration().ShouldBeLessThan(TimeSpan.FromMilliseconds(1));
        run.Failures.ShouldBe(0);
    }
}
