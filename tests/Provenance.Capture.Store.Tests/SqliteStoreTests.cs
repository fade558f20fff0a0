namespace Provenance.Capture.Store.Tests;

/// <summary>The store contract on SQLite: a file per store.</summary>
public sealed class SqliteStoreTests(StoreNight night) : StoreContract(night), IClassFixture<StoreNight>
{
    private readonly StoreNight _night = night;

    [Fact]
    public void An_ingest_leaves_no_write_ahead_log_behind()
    {
        // Found by the store benchmark: a night's ingest left a write-ahead log as large as the store.
        var path = StoreFor("settled.db");
        using (var store = ProvenanceStore.Open(path))
        {
            store.Ingest([_night.LogPath]).Single().Outcome.ShouldBe(IngestOutcome.Added);
            var wal = new FileInfo(path + "-wal");
            (wal.Exists ? wal.Length : 0).ShouldBe(0);
            store.Stats().SizeInBytes.ShouldBe(new FileInfo(path).Length);
        }
    }

    [Fact]
    public void A_new_store_has_pages_of_16_KiB_and_a_store_made_before_keeps_its_own()
    {
        var fresh = StoreFor("pages-new.db");
        using (ProvenanceStore.Open(fresh))
        {
        }

        var older = StoreFor("pages-old.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={older};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA page_size = 4096; CREATE TABLE before_the_store (x INTEGER)";
            command.ExecuteNonQuery();
        }

        using (var store = ProvenanceStore.Open(older))
        {
            store.Ingest([_night.LogPath]).Single().Outcome.ShouldBe(IngestOutcome.Added);
        }

        PageSize(fresh).ShouldBe(16384);
        PageSize(older).ShouldBe(4096);
    }

    [Theory]
    [InlineData(LineageDirection.Back, null)]
    [InlineData(LineageDirection.Forth, null)]
    [InlineData(LineageDirection.Back, 3)]
    public void A_lineage_reads_the_relations_of_the_nodes_it_reached_by_index_not_every_relation(LineageDirection direction, int? depth)
    {
        // Found by the lineage benchmark: SQLite 3.49 planned the walk's relations as a scan of every relation
        // of the store (a walk of six nodes took 120 ms on one night, and grew with the store).
        var path = StoreFor("planned.db");
        using (var store = ProvenanceStore.Open(path))
        {
            store.Ingest([_night.LogPath]);
        }

        using var connection = new SqliteEngine(path).Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + LineageQuery.Sql([1, 2], direction, depth, withAttributes: true);
        using var reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        plan.ShouldNotBeEmpty();
        plan.ShouldAllBe(step => !step.StartsWith("SCAN r ", StringComparison.Ordinal) && step != "SCAN r" && !step.StartsWith("SCAN relations", StringComparison.Ordinal));
    }

    [Fact]
    public void Rows_bound_by_calling_SQLite_directly_equal_rows_bound_through_SQLitePCL()
    {
        // Texts beyond ASCII and longer than a position's buffer held before: the direct way writes each as UTF-8 in place.
        var log = Path.Combine(Folder, "texts.log");
        File.WriteAllLines(log,
        [
            """{"prov_kind":"session","prov_schema":1,"session_id":"s","session_tag":"texts","startTime":"2020-11-20T22:00:00.0000000+00:00"}""",
            """{"prov_kind":"entity","prov_schema":1,"entity_id":"e1","name":"Flat","type":"File","location":"/d/a"}""",
            $$"""{"prov_kind":"entity","prov_schema":1,"entity_id":"e2","name":"Données ✓","type":"File","location":"/données/{{new string('x', 3000)}}/€ <&>.h5","hash":"00ff","hash_type":"md5"}""",
            """{"prov_kind":"entity","prov_schema":1,"entity_id":"e3","name":"B","type":"File","location":"/d/b"}""",
            """{"prov_kind":"activity_start","prov_schema":1,"activity_id":"a1","name":"naïve","startTime":"2020-11-20T22:00:01.0000000+00:00","in_session":"s","run":1,"used":[{"used_id":"e1","used_role":"rôle"},{"used_id":"e2"}]}""",
            """{"prov_kind":"activity_end","prov_schema":1,"activity_id":"a1","endTime":"2020-11-20T22:00:02.0000000+00:00","status":"succeeded","generated":[{"generated_id":"e3"}]}""",
        ]);

        string[] Written(string name, bool direct)
        {
            var path = StoreFor(name);
            SqliteStatement.Direct = direct;
            try
            {
                using var store = ProvenanceStore.Open(path);
                store.Ingest([_night.LogPath, log]).ShouldAllBe(f => f.Outcome == IngestOutcome.Added);
            }
            finally
            {
                SqliteStatement.Direct = null;
            }

            using var connection = new SqliteEngine(path).Open();
            return [.. new[] { "nodes", "entities", "activities", "agents", "relations", "descriptions" }.SelectMany(table => Rows(connection, table))];
        }

        var direct = Written("direct.db", direct: true);
        direct.ShouldContain(row => row.Contains("/données/") && row.Contains("/€ <&>.h5") && row.Contains("Données ✓"));
        direct.ShouldBe(Written("through.db", direct: false));
    }

    private static IEnumerable<string> Rows(System.Data.Common.DbConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table} ORDER BY 1, 2";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return table + ": " + string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    private static long PageSize(string path)
    {
        using var connection = new SqliteEngine(path).Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size";
        return (long)command.ExecuteScalar()!;
    }

    private protected override string IndexesSql => "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name";

    protected override string StoreFor(string name) => Path.Combine(Folder, name);

    private protected override StoreEngine EngineOf(string location) => new SqliteEngine(location);
}
