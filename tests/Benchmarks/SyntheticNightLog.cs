using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Provenance.Capture.Records;

namespace Benchmarks;

/// <summary>
/// Writes a CLEF log shaped like the one capture writes for the LST sample night (field for field:
/// md5 entity ids, session-numbered activity ids, location and filepath, in_session, script), with
/// per subrun an r0_to_dl1 and a dl1_to_dl2 call and their entity, start and end records
/// (7 records a subrun), 1,000 subruns a run. The lines are those of the first record format, which
/// readers still accept and the README's merge figures were measured on: capture now leaves out the
/// <c>SourceContext</c> and the end record's <c>name</c> and <c>in_session</c>.
/// </summary>
public static class SyntheticNightLog
{
    private const string Session = "01a209a1-6498-79cd-8e04-c13894ad5946";

    public static void Write(string path, int records)
    {
        using var stream = new BufferedStream(File.Create(path), 1 << 16);
        using var json = new Utf8JsonWriter(stream);
        var written = 0;
        var time = new DateTimeOffset(2020, 11, 20, 22, 0, 0, TimeSpan.Zero);
        void Record(Action<Utf8JsonWriter> fields, string kind)
        {
            json.Reset(stream);
            json.WriteStartObject();
            json.WriteString("@t", time);
            json.WriteString("@mt", RecordSchema.MessageTemplate);
            json.WriteString(RecordFields.Kind, kind);
            json.WriteNumber(RecordFields.SchemaVersion, RecordSchema.Version);
            fields(json);
            json.WriteString("SourceContext", RecordSchema.Category);
            json.WriteEndObject();
            json.Flush();
            stream.WriteByte((byte)'\n');
            written++;
            time = time.AddMilliseconds(3);
        }

        var calibration = Md5("calibration");
        Record(w => { w.WriteString(RecordFields.SessionId, Session); w.WriteString(RecordFields.SessionTag, "bench"); w.WriteString(RecordFields.Host, "cp01"); }, RecordKinds.Session);
        Record(w => Entity(w, calibration, "PedestalFile", "/fefs/aswg/data/real/monitoring/PixelCalibration/drs4_baseline/20201120/drs4_pedestal.Run01604.0000.h5", null), RecordKinds.Entity);
        for (var n = 0; written < records; n++)
        {
            var run = 1618 + (n / 1000);
            var subrun = n % 1000;
            var r0 = Md5($"r0-{n}");
            var dl1 = Md5($"dl1-{n}");
            var dl2 = Md5($"dl2-{n}");
            var a = $"{Session}-{2 * n + 1:D6}";
            var b = $"{Session}-{2 * n + 2:D6}";
            Record(w => Entity(w, r0, "R0SubrunDataset", $"/fefs/aswg/data/real/R0/20201120/LST-1.1.Run{run:D5}.{subrun:D4}.fits.fz", "R0Collection"), RecordKinds.Entity);
            Record(w => Start(w, a, "r0_to_dl1", run, subrun, [(r0, "R0 subrun"), (calibration, "DRS4 pedestal")]), RecordKinds.ActivityStart);
            Record(w => Entity(w, dl1, "DL1SubrunDataset", $"/fefs/aswg/data/real/DL1/20201120/v0.9/dl1_LST-1.Run{run:D5}.{subrun:D4}.h5", "DL1Collection"), RecordKinds.Entity);
            Record(w => End(w, a, "r0_to_dl1", dl1, "DL1 subrun", r0), RecordKinds.ActivityEnd);
            Record(w => Start(w, b, "dl1_to_dl2", run, subrun, [(dl1, "DL1 subrun")]), RecordKinds.ActivityStart);
            Record(w => Entity(w, dl2, "DL2SubrunDataset", $"/fefs/aswg/data/real/DL2/20201120/v0.9/dl2_LST-1.Run{run:D5}.{subrun:D4}.h5", "DL2Collection"), RecordKinds.Entity);
            Record(w => End(w, b, "dl1_to_dl2", dl2, "DL2 subrun", dl1), RecordKinds.ActivityEnd);
        }
    }

    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    private static void Entity(Utf8JsonWriter w, string id, string name, string location, string? collection)
    {
        w.WriteString(RecordFields.EntityId, id);
        w.WriteString(RecordFields.Name, name);
        w.WriteString(RecordFields.EntityType, "File");
        w.WriteString(RecordFields.ContentType, location.EndsWith(".h5", StringComparison.Ordinal) ? "application/x-hdf5" : "application/fits");
        if (collection is not null)
        {
            w.WriteString(RecordFields.Collection, collection);
        }

        w.WriteString(RecordFields.InSession, Session);
        w.WriteString(RecordFields.Location, location);
        w.WriteString(RecordFields.FilePath, location);
        w.WriteString(RecordFields.Hash, id);
        w.WriteString(RecordFields.HashType, "md5");
        w.WriteNumber(RecordFields.Size, 100_000_000 + id.Length);
    }

    private static void Start(Utf8JsonWriter w, string id, string name, int run, int subrun, (string Id, string Role)[] used)
    {
        w.WriteString(RecordFields.ActivityId, id);
        w.WriteString(RecordFields.Name, name);
        w.WriteString(RecordFields.StartTime, "2020-11-20T22:00:00.0000000+00:00");
        w.WriteString(RecordFields.InSession, Session);
        w.WriteString(RecordFields.AgentName, "lst_onsite_sequencer");
        w.WriteString(RecordFields.Script, "LstOnsite.LstOnsitePipeline.R0ToDl1");
        w.WriteNumber(RecordFields.Run, run);
        w.WriteNumber(RecordFields.Subrun, subrun);
        w.WriteString(RecordFields.ObservationDate, "2020-11-20");
        w.WriteStartObject(RecordFields.Parameters);
        w.WriteNumber("run", run);
        w.WriteNumber("subrun", subrun);
        w.WriteEndObject();
        w.WriteStartArray(RecordFields.Used);
        foreach (var (usedId, role) in used)
        {
            w.WriteStartObject();
            w.WriteString(RecordFields.UsedId, usedId);
            w.WriteString(RecordFields.UsedRole, role);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void End(Utf8JsonWriter w, string id, string name, string generated, string role, string progenitor)
    {
        w.WriteString(RecordFields.ActivityId, id);
        w.WriteString(RecordFields.Name, name);
        w.WriteString(RecordFields.EndTime, "2020-11-20T22:00:01.0000000+00:00");
        w.WriteString(RecordFields.InSession, Session);
        w.WriteString(RecordFields.Status, ActivityStatus.Succeeded);
        w.WriteStartArray(RecordFields.Generated);
        w.WriteStartObject();
        w.WriteString(RecordFields.GeneratedId, generated);
        w.WriteString(RecordFields.GeneratedRole, role);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray(RecordFields.Derivations);
        w.WriteStartObject();
        w.WriteString(RecordFields.GeneratedId, generated);
        w.WriteString(RecordFields.ProgenitorId, progenitor);
        w.WriteEndObject();
        w.WriteEndArray();
    }
}
