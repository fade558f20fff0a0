using System.Text.Json;
using Provenance.Capture.Records;

namespace Benchmarks;

/// <summary>
/// Writes a CLEF log shaped like capture's: per subrun an r0_to_dl1 and a dl1_to_dl2 call with their
/// entity, start and end records (7 records a subrun), 1,000 subruns a run.
/// </summary>
public static class SyntheticNightLog
{
    public static void Write(string path, int records)
    {
        using var stream = File.Create(path);
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

        Record(w => { w.WriteString(RecordFields.SessionId, "s1"); w.WriteString(RecordFields.SessionTag, "bench"); w.WriteString(RecordFields.Host, "cp01"); }, RecordKinds.Session);
        Record(w => Entity(w, "calib", "PedestalFile", "/data/calib/pedestal.h5", null), RecordKinds.Entity);
        for (var n = 0; written < records; n++)
        {
            var run = 1618 + (n / 1000);
            var subrun = n % 1000;
            var r0 = $"r0-{n}";
            var dl1 = $"dl1-{n}";
            var dl2 = $"dl2-{n}";
            Record(w => Entity(w, r0, "R0SubrunDataset", $"/data/R0/LST-1.1.Run{run:D5}.{subrun:D4}.fits.fz", "R0Collection"), RecordKinds.Entity);
            Record(w => Start(w, $"a{n}", "r0_to_dl1", run, subrun, [(r0, "R0 subrun"), ("calib", "pedestal")]), RecordKinds.ActivityStart);
            Record(w => Entity(w, dl1, "DL1SubrunDataset", $"/data/DL1/dl1_LST-1.Run{run:D5}.{subrun:D4}.h5", "DL1Collection"), RecordKinds.Entity);
            Record(w => End(w, $"a{n}", dl1, "DL1 subrun", r0), RecordKinds.ActivityEnd);
            Record(w => Start(w, $"b{n}", "dl1_to_dl2", run, subrun, [(dl1, "DL1 subrun")]), RecordKinds.ActivityStart);
            Record(w => Entity(w, dl2, "DL2SubrunDataset", $"/data/DL2/dl2_LST-1.Run{run:D5}.{subrun:D4}.h5", "DL2Collection"), RecordKinds.Entity);
            Record(w => End(w, $"b{n}", dl2, "DL2 subrun", dl1), RecordKinds.ActivityEnd);
        }
    }

    private static void Entity(Utf8JsonWriter w, string id, string name, string location, string? collection)
    {
        w.WriteString(RecordFields.EntityId, id);
        w.WriteString(RecordFields.Name, name);
        w.WriteString(RecordFields.EntityType, "File");
        w.WriteString(RecordFields.Location, location);
        w.WriteString(RecordFields.Hash, id);
        w.WriteString(RecordFields.HashType, "md5");
        if (collection is not null)
        {
            w.WriteString(RecordFields.Collection, collection);
        }
    }

    private static void Start(Utf8JsonWriter w, string id, string name, int run, int subrun, (string Id, string Role)[] used)
    {
        w.WriteString(RecordFields.ActivityId, id);
        w.WriteString(RecordFields.Name, name);
        w.WriteString(RecordFields.StartTime, "2020-11-20T22:00:00.0000000+00:00");
        w.WriteString(RecordFields.InSession, "s1");
        w.WriteString(RecordFields.AgentName, "lst_onsite_sequencer");
        w.WriteNumber(RecordFields.Run, run);
        w.WriteNumber(RecordFields.Subrun, subrun);
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

    private static void End(Utf8JsonWriter w, string id, string generated, string role, string progenitor)
    {
        w.WriteString(RecordFields.ActivityId, id);
        w.WriteString(RecordFields.EndTime, "2020-11-20T22:00:01.0000000+00:00");
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
