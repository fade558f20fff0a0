using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Provenance.Capture.Records;

namespace Benchmarks;

/// <summary>
/// Writes a CLEF log shaped like the one capture writes today for an on-site night run as one job per
/// subrun (as the LST sequencer submits them): each job's session record as <c>SessionInfo</c> makes
/// it (about 4 KB: command line, host, user, model, the loaded assemblies and the chosen environment as
/// nested maps), the files every job shares declared once per job, then <c>r0_to_dl1</c> using the R0
/// subrun, the DRS4 pedestal and the charge calibration, and <c>dl1_to_dl2</c> using the DL1 subrun and
/// two random-forest models (three used entities an activity, as in the sample night). Current record
/// format: no <c>SourceContext</c>; end records without name and session. 12 records a subrun.
/// </summary>
public static class CurrentCaptureLog
{
    /// <summary>The log of <see cref="MergeThroughputBenchmarks.Records"/> records in the temp folder, written when missing.</summary>
    public static string InTemp()
    {
        var path = Path.Combine(Path.GetTempPath(), "provcap-bench-1M-current.log");
        if (!File.Exists(path))
        {
            Write(path + ".part", MergeThroughputBenchmarks.Records);
            File.Move(path + ".part", path);
        }

        return path;
    }

    /// <summary>Writes at least <paramref name="records"/> records (whole subruns).</summary>
    public static void Write(string path, int records)
    {
        using var stream = new BufferedStream(File.Create(path), 1 << 16);
        using var json = new Utf8JsonWriter(stream);
        var written = 0;
        var time = new DateTimeOffset(2020, 11, 20, 22, 0, 0, TimeSpan.Zero);
        void Record(string kind, Action<Utf8JsonWriter> fields)
        {
            json.Reset(stream);
            json.WriteStartObject();
            json.WriteString("@t", time);
            json.WriteString("@mt", RecordSchema.MessageTemplate);
            json.WriteString(RecordFields.Kind, kind);
            json.WriteNumber(RecordFields.SchemaVersion, RecordSchema.Version);
            fields(json);
            json.WriteEndObject();
            json.Flush();
            stream.WriteByte((byte)'\n');
            written++;
            time = time.AddMilliseconds(3);
        }

        const string Night = "/fefs/aswg/data/real";
        var shared = new (string Name, string Path)[]
        {
            ("PedestalFile", $"{Night}/monitoring/PixelCalibration/drs4_baseline/20201120/v0.9/drs4_pedestal.Run01604.0000.h5"),
            ("CalibrationFile", $"{Night}/monitoring/PixelCalibration/calibration/20201120/v0.9/calibration_filters_52.Run01605.0000.h5"),
            ("EnergyModel", "/fefs/aswg/data/models/AllSky/20230901_v0.10.4_allsky_nsb_tuning_0.14/dec_2276/energy_regressor.sav"),
            ("GammanessModel", "/fefs/aswg/data/models/AllSky/20230901_v0.10.4_allsky_nsb_tuning_0.14/dec_2276/gamma_classifier.sav"),
        };
        var ids = shared.Select(s => Md5(s.Path)).ToArray();
        for (var n = 0; written < records; n++)
        {
            var run = 1618 + (n / 1000);
            var subrun = n % 1000;
            var session = Guid(n);
            Record(RecordKinds.Session, w => Session(w, session, run, subrun, time));
            for (var i = 0; i < shared.Length; i++)
            {
                var (name, location) = shared[i];
                Record(RecordKinds.Entity, w => Entity(w, session, ids[i], name, location, null));
            }

            var r0 = $"{Night}/R0/20201120/LST-1.1.Run{run:D5}.{subrun:D4}.fits.fz";
            var dl1 = $"{Night}/DL1/20201120/v0.9/tailcut84/dl1_LST-1.Run{run:D5}.{subrun:D4}.h5";
            var dl2 = $"{Night}/DL2/20201120/v0.9/tailcut84/dl2_LST-1.Run{run:D5}.{subrun:D4}.h5";
            var (r0Id, dl1Id, dl2Id) = (Md5(r0), Md5(dl1), Md5(dl2));
            var a = $"{session}-000001";
            var b = $"{session}-000002";
            Record(RecordKinds.Entity, w => Entity(w, session, r0Id, "R0SubrunDataset", r0, "R0Collection"));
            Record(RecordKinds.ActivityStart, w => Start(w, session, a, "r0_to_dl1", run, subrun, [(r0Id, "R0 subrun"), (ids[0], "DRS4 pedestal"), (ids[1], "charge calibration")]));
            Record(RecordKinds.Entity, w => Entity(w, session, dl1Id, "DL1SubrunDataset", dl1, "DL1Collection"));
            Record(RecordKinds.ActivityEnd, w => End(w, a, dl1Id, "DL1 subrun", r0Id));
            Record(RecordKinds.ActivityStart, w => Start(w, session, b, "dl1_to_dl2", run, subrun, [(dl1Id, "DL1 subrun"), (ids[2], "energy model"), (ids[3], "gammaness model")]));
            Record(RecordKinds.Entity, w => Entity(w, session, dl2Id, "DL2SubrunDataset", dl2, "DL2Collection"));
            Record(RecordKinds.ActivityEnd, w => End(w, b, dl2Id, "DL2 subrun", dl1Id));
        }
    }

    // What SessionInfo.Capture writes, field for field.
    private static void Session(Utf8JsonWriter w, string session, int run, int subrun, DateTimeOffset start)
    {
        w.WriteString(RecordFields.SessionId, session);
        w.WriteString(RecordFields.SessionTag, "LST1-20201120-onsite");
        w.WriteString(RecordFields.Name, "LstOnsite");
        w.WriteString(RecordFields.StartTime, start);
        w.WriteString(RecordFields.Executable, "/fefs/aswg/software/provcap/LstOnsite");
        w.WriteString(RecordFields.CommandLine, $"/fefs/aswg/software/provcap/LstOnsite.dll --run {run:D5} --subrun {subrun:D4} --date 20201120 --config /fefs/aswg/lstosa/cfg/sequencer_v0.9.cfg");
        w.WriteString(RecordFields.WorkingDirectory, $"/fefs/aswg/data/real/running_analysis/20201120/v0.9/sequence_LST1_{run:D5}.{subrun:D4}");
        w.WriteString(RecordFields.OperatingSystem, "Linux 3.10.0-1160.88.1.el7.x86_64 #1 SMP Tue Mar 7 15:41:52 UTC 2023");
        w.WriteString(RecordFields.Runtime, ".NET 10.0.12");
        w.WriteNumber(RecordFields.CpuCount, 48);
        w.WriteString(RecordFields.Host, $"cp{subrun % 40:D2}");
        w.WriteString(RecordFields.User, "lstanalyzer");
        w.WriteNumber(RecordFields.ProcessId, 100_000 + subrun);
        w.WriteString(RecordFields.SoftwareVersion, "0.9.4+a1b2c3d");
        w.WriteStartObject(RecordFields.Model);
        w.WriteString("path", "/fefs/aswg/lstosa/models/lst-onsite.yaml");
        w.WriteString("hash", "9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c");
        w.WriteString("hash_type", "md5");
        w.WriteEndObject();
        w.WriteString(RecordFields.ObservationDate, "2020-11-20");
        w.WriteStartObject(RecordFields.Assemblies);
        foreach (var name in Assemblies)
        {
            w.WriteString(name, name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft", StringComparison.Ordinal) ? "10.0.0.0" : "4.4.0.0");
        }

        w.WriteEndObject();
        w.WriteStartObject(RecordFields.Environment);
        w.WriteString("HOME", "/fefs/home/lstanalyzer");
        w.WriteString("LANG", "en_US.UTF-8");
        w.WriteString("PATH", string.Join(':', Enumerable.Range(0, 12).Select(i => $"/fefs/aswg/software/tool{i}/bin")));
        w.WriteString("SLURM_JOB_ID", (4_000_000 + (run * 1000) + subrun).ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("SLURM_JOB_NAME", $"LST1_{run:D5}.{subrun:D4}");
        w.WriteString("DOTNET_ROOT", "/fefs/aswg/software/dotnet");
        w.WriteString("OSA_CONFIG", "/fefs/aswg/lstosa/cfg/sequencer_v0.9.cfg");
        w.WriteEndObject();
    }

    private static readonly string[] Assemblies =
    [
        "AspectInjector.Broker", "LstOnsite", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.DependencyInjection.Abstractions",
        "Microsoft.Extensions.Logging", "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Options", "Microsoft.Extensions.Primitives",
        "Microsoft.Win32.Primitives", "Provenance.Capture", "Provenance.Capture.Vocabulary", "Provenance.Capture.Weaving", "Serilog",
        "Serilog.Extensions.Logging", "Serilog.Formatting.Compact", "Serilog.Sinks.File", "System.Collections", "System.Collections.Concurrent",
        "System.Collections.Immutable", "System.ComponentModel", "System.ComponentModel.Primitives", "System.Console", "System.Diagnostics.DiagnosticSource",
        "System.Diagnostics.Process", "System.Diagnostics.StackTrace", "System.IO.Hashing", "System.Linq", "System.Linq.Expressions", "System.Memory",
        "System.Private.CoreLib", "System.Private.Uri", "System.Reflection.Emit", "System.Reflection.Metadata", "System.Runtime",
        "System.Runtime.InteropServices", "System.Security.Cryptography", "System.Text.Encodings.Web", "System.Text.Json",
        "System.Text.RegularExpressions", "System.Threading", "System.Threading.Thread", "YamlDotNet",
    ];

    private static void Entity(Utf8JsonWriter w, string session, string id, string name, string location, string? collection)
        => SyntheticNightLog.FileEntity(w, session, id, name, location, collection, firstFormat: false);

    private static void Start(Utf8JsonWriter w, string session, string id, string name, int run, int subrun, (string Id, string Role)[] used)
    {
        w.WriteString(RecordFields.ActivityId, id);
        w.WriteString(RecordFields.Name, name);
        w.WriteString(RecordFields.StartTime, "2020-11-20T22:00:00.0000000+00:00");
        w.WriteString(RecordFields.InSession, session);
        w.WriteString(RecordFields.AgentName, "lst_onsite_sequencer");
        w.WriteString(RecordFields.Script, "LstOnsite.LstOnsitePipeline." + (name == "r0_to_dl1" ? "R0ToDl1" : "Dl1ToDl2"));
        w.WriteNumber(RecordFields.Run, run);
        w.WriteNumber(RecordFields.Subrun, subrun);
        w.WriteString(RecordFields.ObservationDate, "2020-11-20");
        w.WriteStartObject(RecordFields.Parameters);
        w.WriteNumber("run", run);
        w.WriteNumber("subrun", subrun);
        w.WriteString("cleaning", "tailcut84");
        w.WriteNumber("picture_threshold", 8.0);
        w.WriteEndObject();
        SyntheticNightLog.Used(w, used);
    }

    private static void End(Utf8JsonWriter w, string id, string generated, string role, string progenitor)
    {
        w.WriteString(RecordFields.ActivityId, id);
        w.WriteString(RecordFields.EndTime, "2020-11-20T22:00:01.0000000+00:00");
        w.WriteString(RecordFields.Status, ActivityStatus.Succeeded);
        SyntheticNightLog.Outputs(w, generated, role, progenitor);
    }

    private static string Guid(int job) => new Guid(MD5.HashData(Encoding.UTF8.GetBytes($"job {job}"))).ToString();

    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
