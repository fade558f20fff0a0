using System.Security.Cryptography;
using System.Text.Json;
using Provenance.Capture.Records;
using Provenance.Capture.Tests.Pipeline;

namespace Provenance.Capture.Tests;

public sealed class WeavingTests : IDisposable
{
    private readonly CaptureFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Sync_static_activity_writes_start_and_end_with_parameters_used_and_generated()
    {
        var pedestal = _fixture.File("pedestal.fits", "pedestal bytes");
        var config = _fixture.File("config.json", "{\"gain\": 2}");
        string output;
        using (_fixture.Start())
        {
            output = TestPipeline.Calibrate(pedestal, new CalibrationSettings(2.5, config), 1618, _fixture.Directory);
        }

        var start = _fixture.Records(RecordKinds.ActivityStart).ShouldHaveSingleItem();
        start.Str("name").ShouldBe("calibrate");
        start.GetProperty("run").GetInt32().ShouldBe(1618);
        start.GetProperty("parameters").GetProperty("gain").GetDouble().ShouldBe(2.5);
        start.GetProperty("parameters").GetProperty("run").GetInt32().ShouldBe(1618);
        start.Str("agent_name").ShouldBe("tester");
        var used = start.GetProperty("used").EnumerateArray().ToList();
        used.Select(u => u.Str("used_role")).ShouldBe(["pedestal", "config"]);
        used[0].Str("used_id").ShouldBe(CaptureFixture.FileEntityId(pedestal));

        var end = _fixture.Records(RecordKinds.ActivityEnd).ShouldHaveSingleItem();
        end.Str("activity_id").ShouldBe(start.Str("activity_id"));
        end.Str("status").ShouldBe(ActivityStatus.Succeeded);
        var generated = end.GetProperty("generated").EnumerateArray().ShouldHaveSingleItem();
        generated.Str("generated_role").ShouldBe("calibration");
        generated.Str("generated_id").ShouldBe(CaptureFixture.FileEntityId(output, SHA256.HashData));
        end.GetProperty("derivations").GetArrayLength().ShouldBe(2);

        // Exactly the documented fields: the end record repeats nothing of the start's, and the file holds
        // only PROV records, so no line names its logging category.
        static IEnumerable<string> Names(JsonElement record) => record.EnumerateObject().Select(p => p.Name);
        Names(start).ShouldBe(["@t", "@mt", "prov_kind", "prov_schema", "activity_id", "name", "startTime", "in_session", "agent_name", "script", "run", "parameters", "parameter_types", "used"]);
        Names(end).ShouldBe(["@t", "@mt", "prov_kind", "prov_schema", "activity_id", "endTime", "status", "generated", "derivations"]);
    }

    [Fact]
    public void Activity_ids_count_calls_in_hex_after_the_session_id_and_events_carry_the_activity_time()
    {
        var pedestal = _fixture.File("pedestal.fits", "pedestal bytes");
        var config = _fixture.File("config.json", "{}");
        using (_fixture.Start())
        {
            for (var i = 0; i < 20; i++)
            {
                TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), i, _fixture.Directory);
            }
        }

        var session = _fixture.Records(RecordKinds.Session).ShouldHaveSingleItem().Str("session_id");
        var starts = _fixture.Records(RecordKinds.ActivityStart);
        starts.Select(s => s.Str("activity_id")).ShouldBe(Enumerable.Range(1, 20).Select(n => $"{session}-{n:x6}"));
        foreach (var record in starts.Concat(_fixture.Records(RecordKinds.ActivityEnd)))
        {
            var time = record.TryGetProperty("startTime", out var start) ? start : record.GetProperty("endTime");
            record.GetProperty("@t").GetDateTimeOffset().ShouldBe(time.GetDateTimeOffset());
        }
    }

    [Fact]
    public void Calls_alternating_between_inputs_each_record_their_own_entities()
    {
        // Items are reused while a method's calls use the same entities; any change must show at once.
        var config = _fixture.File("config.json", "{}");
        var pedestals = new[] { _fixture.File("a.fits", "pedestal a"), _fixture.File("b.fits", "pedestal b") };
        var order = new[] { 0, 0, 1, 0, 1, 1, 0 };
        using (_fixture.Start())
        {
            for (var i = 0; i < order.Length; i++)
            {
                // Gains 1 and 2 alternate, so the output (same path) changes between some calls only.
                // The run follows the input: parameters and context change in and out of step.
                TestPipeline.Calibrate(pedestals[order[i]], new CalibrationSettings(1 + (i % 2), config), 10 + order[i], _fixture.Directory);
            }
        }

        var md5 = pedestals.Select(CaptureFixture.FileEntityId).ToArray();
        var starts = _fixture.Records(RecordKinds.ActivityStart);
        var ends = _fixture.Records(RecordKinds.ActivityEnd);
        starts.Select(s => s.GetProperty("used")[0].Str("used_id")).ShouldBe(order.Select(o => md5[o]));
        starts.Select(s => s.GetProperty("run").GetInt32()).ShouldBe(order.Select(o => 10 + o));
        starts.Select(s => s.GetProperty("parameters").GetProperty("run").GetInt32()).ShouldBe(order.Select(o => 10 + o));
        starts.Select(s => s.GetProperty("parameters").GetProperty("gain").GetDouble()).ShouldBe(order.Select((_, i) => 1.0 + (i % 2)));
        var outputs = _fixture.Records(RecordKinds.Entity).Where(e => e.Str("name") == "CalibrationFile").Select(e => e.Str("entity_id")).ToHashSet();
        for (var i = 0; i < order.Length; i++)
        {
            var generatedId = ends[i].GetProperty("generated")[0].Str("generated_id");
            outputs.ShouldContain(generatedId);
            var derivations = ends[i].GetProperty("derivations").EnumerateArray().ToList();
            derivations.Select(d => d.Str("progenitor_id")).ShouldBe(starts[i].GetProperty("used").EnumerateArray().Select(u => u.Str("used_id")));
            derivations.ShouldAllBe(d => d.Str("generated_id") == generatedId);
        }

        // Each call rewrites its output: a new version (unless two writes fall within one tick of the file
        // system's clock). The content is "gain g from n bytes": calls with equal gain write equal bytes,
        // found by their equal hash.
        var generatedIds = ends.Select(e => e.GetProperty("generated")[0].Str("generated_id")).ToList();
        generatedIds.Zip(generatedIds.Skip(1)).ShouldAllBe(pair => pair.First != pair.Second);
        var hashes = _fixture.Records(RecordKinds.Entity).Where(e => e.Str("name") == "CalibrationFile").ToDictionary(e => e.Str("entity_id"), e => e.Str("hash"));
        generatedIds.Select(id => hashes[id]).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public void A_parameter_equal_to_the_last_calls_but_written_differently_is_recorded_as_passed()
    {
        // Parameters equal to the last call's reuse its objects; 0.0 and -0.0 are equal but are not the same value.
        var pedestal = _fixture.File("pedestal.fits", "pedestal bytes");
        var config = _fixture.File("config.json", "{}");
        double[] gains = [0.0, -0.0, -0.0, 0.0];
        using (_fixture.Start())
        {
            foreach (var gain in gains)
            {
                TestPipeline.Calibrate(pedestal, new CalibrationSettings(gain, config), 1, _fixture.Directory);
            }
        }

        _fixture.Records(RecordKinds.ActivityStart).Select(s => double.IsNegative(s.GetProperty("parameters").GetProperty("gain").GetDouble()))
            .ShouldBe(gains.Select(double.IsNegative));
    }

    [Fact]
    public void Content_hash_of_an_entity_is_the_md5_of_its_bytes()
    {
        var bytes = new byte[100_000];
        new Random(7).NextBytes(bytes);
        var pedestal = Path.Combine(_fixture.Directory, "pedestal.fits");
        File.WriteAllBytes(pedestal, bytes);
        var config = _fixture.File("config.json", "{}");
        using (_fixture.Start())
        {
            TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), 1, _fixture.Directory);
        }

        var entity = _fixture.Records(RecordKinds.Entity).Single(e => e.Str("name") == "PedestalFile");
        entity.Str("hash").ShouldBe(Convert.ToHexStringLower(MD5.HashData(bytes)));
        entity.Str("hash_type").ShouldBe("md5");
        entity.Str("entity_id").ShouldBe(CaptureFixture.FileEntityId(pedestal), "one version of the file at its location");
        entity.Str("location").ShouldBe(pedestal);
        entity.GetProperty("size").GetInt64().ShouldBe(bytes.Length);
        entity.Str("contentType").ShouldBe("application/x-fits");
    }

    [Fact]
    public void Instance_activity_with_path_template_and_path_hash()
    {
        var r0 = _fixture.File("LST-1.1.Run01618.0007.fits.fz", "raw");
        var pipeline = new TestPipeline();
        using (_fixture.Start())
        {
            pipeline.R0ToDl1(r0, new Calibration(_fixture.File("calib.txt", "c")), 1618, 7, _fixture.Directory);
        }

        pipeline.BodyRuns.ShouldBe(1);
        var start = _fixture.Records(RecordKinds.ActivityStart).ShouldHaveSingleItem();
        start.GetProperty("subrun").GetInt32().ShouldBe(7);
        var r0Entity = _fixture.Records(RecordKinds.Entity).Single(e => e.Str("name") == "R0SubrunDataset");
        r0Entity.Str("hash").ShouldBe(Convert.ToHexStringLower(MD5.HashData(System.Text.Encoding.UTF8.GetBytes(r0))));
        var dl1 = _fixture.Records(RecordKinds.Entity).Single(e => e.Str("name") == "DL1SubrunDataset");
        dl1.Str("location").ShouldBe(Path.Combine(_fixture.Directory, "dl1_Run01618.0007.h5"));
        dl1.Str("hash_type").ShouldBe("xxh128");
    }

    [Fact]
    public void Xxh128_and_sha256_hashes_are_those_of_the_reference_tools()
    {
        // Reference values from xxhsum -H2 and sha256sum over the same bytes.
        var pedestal = _fixture.File("pedestal.fits", "abc");
        string calibration;
        using (_fixture.Start())
        {
            calibration = TestPipeline.Calibrate(pedestal, new CalibrationSettings(1.5, _fixture.File("config.json", "{}")), 1, _fixture.Directory);
            File.ReadAllText(calibration).ShouldBe("gain 1.5 from 3 bytes");
            new TestPipeline().R0ToDl1(_fixture.File("LST-1.1.Run01618.0007.fits.fz", "raw"), new Calibration("/calib/c.txt"), 1618, 7, _fixture.Directory);
        }

        var entities = _fixture.Records(RecordKinds.Entity);
        var dl1 = entities.Single(e => e.Str("name") == "DL1SubrunDataset");
        File.ReadAllText(dl1.Str("location")).ShouldBe("dl1 of LST-1.1.Run01618.0007.fits.fz with /calib/c.txt");
        dl1.Str("hash").ShouldBe("0dc1d948b2695582a2235a23e05bd463");
        dl1.Str("hash_type").ShouldBe("xxh128");
        var calibrationFile = entities.Single(e => e.Str("name") == "CalibrationFile" && e.Str("location") == calibration);
        calibrationFile.Str("hash").ShouldBe("1480536ef653111e716e24632ad53799f16537b6d8416b9a6af9ff9235032bc2");
        calibrationFile.Str("hash_type").ShouldBe("sha256");
    }
}
