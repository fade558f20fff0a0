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
    private const string FirstSession = "01a209a1-6498-79cd-8e04-c13894ad5946";

    /// <summary>The first night's date; night <c>n</c> is <c>n</c> days later.</summary>
    public static readonly DateOnly FirstNight = new(2020, 11, 20);

    /// <summary>The path of night <paramref name="night"/>'s DL2, R0 or calibration file of one subrun, as the log names it.</summary>
    public static string FileOf(string level, int night, int run, int subrun) => level switch
    {
        "R0" => $"/fefs/aswg/data/real/R0/{Date(night)}/LST-1.1.Run{run:D5}.{subrun:D4}.fits.fz",
        "Calibration" => $"/fefs/aswg/data/real/monitoring/PixelCalibration/drs4_baseline/{Date(night)}/drs4_pedestal.Run{FirstRun(night) - 14:D5}.0000.h5",
        _ => $"/fefs/aswg/data/real/{level}/{Date(night)}/v0.9/{level.ToLowerInvariant()}_LST-1.Run{run:D5}.{subrun:D4}.h5",
    };

    /// <summary>The first run of a night (1,000 subruns a run).</summary>
    public static int FirstRun(int night) => 1618 + (200 * night);

    /// <summary>The log of one night of <see cref="MergeThroughputBenchmarks.Records"/> records in the temp folder, written when missing (night 0: the merge benchmarks' log).</summary>
    public static string InTemp(int night)
    {
        var path = Path.Combine(Path.GetTempPath(), night == 0 ? "provcap-bench-1M.log" : $"provcap-bench-night{night}.log");
        if (!File.Exists(path))
        {
            Write(path + ".part", MergeThroughputBenchmarks.Records, night);
            File.Move(path + ".part", path);
        }

        return path;
    }

    /// <summary>Writes the log of night 0 (the one the merge benchmarks read).</summary>
    public static void Write(string path, int records) => Write(path, records, 0);

    /// <summary>Writes the log of one night: night <paramref name="night"/> has its own session, date, runs and files.</summary>
    public static void Write(string path, int records, int night)
    {
        var session = night == 0 ? FirstSession : $"{FirstSession[..^4]}{night:x4}";
        var prefix = night == 0 ? string.Empty : $"{night}-";
        using var stream = new BufferedStream(File.Create(path), 1 << 16);
        using var json = new Utf8JsonWriter(stream);
        var written = 0;
        var time = new DateTimeOffset(FirstNight.AddDays(night), new TimeOnly(22, 0), TimeSpan.Zero);
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

        var calibration = Md5(prefix + "calibration");
        Record(w => { w.WriteString(RecordFields.SessionId, session); w.WriteString(RecordFields.SessionTag, "bench"); w.WriteString(RecordFields.Host, "cp01"); }, RecordKinds.Session);
        Record(w => Entity(w, session, calibration, "PedestalFile", FileOf("Calibration", night, 0, 0), null), RecordKinds.Entity);
        for (var n = 0; written < records; n++)
        {
            var run = FirstRun(night) + (n / 1000);
            var subrun = n % 1000;
            var r0 = Md5($"{prefix}r0-{n}");
            var dl1 = Md5($"{prefix}dl1-{n}");
            var dl2 = Md5($"{prefix}dl2-{n}");
            var a = $"{session}-{2 * n + 1:D6}";
            var b = $"{session}-{2 * n + 2:D6}";
            Record(w => Entity(w, session, r0, "R0SubrunDataset", FileOf("R0", night, run, subrun), "R0Collection"), RecordKinds.Entity);
            Record(w => Start(w, session, night, a, "r0_to_dl1", run, subrun, [(r0, "R0 subrun"), (calibration, "DRS4 pedestal")]), RecordKinds.ActivityStart);
            Record(w => Entity(w, session, dl1, "DL1SubrunDataset", FileOf("DL1", night, run, subrun), "DL1Collection"), RecordKinds.Entity);
            Record(w => End(w, session, night, a, "r0_to_dl1", dl1, "DL1 subrun", r0), RecordKinds.ActivityEnd);
            Record(w => Start(w, session, night, b, "dl1_to_dl2", run, subrun, [(dl1, "DL1 subrun")]), RecordKinds.ActivityStart);
            Record(w => Entity(w, session, dl2, "DL2SubrunDataset", FileOf("DL2", night, run, subrun), "DL2Collection"), RecordKinds.Entity);
            Record(w => End(w, session, night, b, "dl1_to_dl2", dl2, "DL2 subrun", dl1), RecordKinds.ActivityEnd);
        }
    }

    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Day(int night) => FirstNight.AddDays(night).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Date(int night) => FirstNight.AddDays(night).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    private static void Entity(Utf8JsonWriter w, string session, string id, string name, string location, string? collection)
        => FileEntity(w, session, id, name, location, collection, firstFormat: true);

    /// <summary>The fields of a file's entity record (the first format also wrote the path as <c>filepath</c>).</summary>
    internal static void FileEntity(Utf8JsonWriter w, string session, string id, string name, string location, string? collection, bool firstFormat)
    {
        w.WriteString(RecordFields.EntityId, id);
        w.WriteString(RecordFields.Name, name);
        w.WriteString(RecordFields.EntityType, "File");
        w.WriteString(RecordFields.ContentType, location.EndsWith(".h5", StringComparison.Ordinal) ? "application/x-hdf5" : firstFormat ? "application/fits" : "application/octet-stream");
        if (collection is not null)
        {
            w.WriteString(RecordFields.Collection, collection);
        }

        w.WriteString(RecordFields.InSession, session);
        w.WriteString(RecordFields.Location, location);
        if (firstFormat)
        {
            w.WriteString(RecordFields.FilePath, location);
        }

        w.WriteString(RecordFields.Hash, id);
        w.WriteString(RecordFields.HashType, "md5");
        w.WriteNumber(RecordFields.Size, 100_000_000 + id.Length);
    }

    private static void Start(Utf8JsonWriter w, string session, int night, string id, string name, int run, int subrun, (string Id, string Role)[] used)
    {
        w.WriteString(RecordFields.ActivityId, id);
        w.WriteString(RecordFields.Name, name);
        w.WriteString(RecordFields.StartTime, $"{Day(night)}T22:00:00.0000000+00:00");
        w.WriteString(RecordFields.InSession, session);
        w.WriteString(RecordFields.AgentName, "lst_onsite_sequencer");
        w.WriteString(RecordFields.Script, "LstOnsite.LstOnsitePipeline.R0ToDl1");
        w.WriteNumber(RecordFields.Run, run);
        w.WriteNumber(RecordFields.Subrun, subrun);
        w.WriteString(RecordFields.ObservationDate, Day(night));
        w.WriteStartObject(RecordFields.Parameters);
        w.WriteNumber("run", run);
        w.WriteNumber("subrun", subrun);
        w.WriteEndObject();
        Used(w, used);
    }

    /// <summary>A start record's used files.</summary>
    internal static void Used(Utf8JsonWriter w, (string Id, string Role)[] used)
    {
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

    private static void End(Utf8JsonWriter w, string session, int night, string id, string name, string generated, string role, string progenitor)
    {
        w.WriteString(RecordFields.ActivityId, id);
        w.WriteString(RecordFields.Name, name);
        w.WriteString(RecordFields.EndTime, $"{Day(night)}T22:00:01.0000000+00:00");
        w.WriteString(RecordFields.InSession, session);
        w.WriteString(RecordFields.Status, ActivityStatus.Succeeded);
        Outputs(w, generated, role, progenitor);
    }

    /// <summary>An end record's one generated file and its derivation.</summary>
    internal static void Outputs(Utf8JsonWriter w, string generated, string role, string progenitor)
    {
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
