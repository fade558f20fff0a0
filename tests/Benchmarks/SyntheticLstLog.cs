using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Benchmarks;

/// <summary>
/// Writes a log shaped like lstosa's provenance log (<c>__PROV__&lt;time&gt;__PROV__&lt;Python dict&gt;</c>):
/// nights of runs of three subruns; each subrun is one sequencer job (its own session) that calls
/// <c>r0_to_dl1</c>, <c>dl1ab</c> and <c>dl1_datacheck</c>, and each run ends with a job calling
/// <c>dl1_to_dl2</c> on its three subruns. As lstosa does, the session block (about 30 KB: the
/// whole configuration, the system description with environment and installed packages) is written
/// again before every call, byte for byte the same within a job; then the activity's start,
/// parameters, an entity record and a used/generated record per file, derivations, collection
/// members and the end.
/// </summary>
public static class SyntheticLstLog
{
    private const string P = "__PROV__";

    /// <summary>Runs in the benchmark's log (about 240,000 records, 500 MB).</summary>
    public const int Runs = 1_000;

    /// <summary>The log of <see cref="Runs"/> runs in the temp folder, written when missing.</summary>
    public static string InTemp()
    {
        var path = Path.Combine(Path.GetTempPath(), $"provcap-bench-lst-{Runs}.log");
        if (!File.Exists(path))
        {
            Write(path + ".part", Runs);
            File.Move(path + ".part", path);
        }

        return path;
    }

    /// <summary>Writes <paramref name="runs"/> runs of three subruns.</summary>
    /// <returns>The records written.</returns>
    public static long Write(string path, int runs)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        var log = new Writer(writer);
        var config = Config();
        for (var run = 2006; run < 2006 + runs; run++)
        {
            var dl1ab = new List<string>();
            for (var subrun = 0; subrun < 3; subrun++)
            {
                var job = new Job(log, 1605920589L + (run * 10) + subrun, run, subrun, System(run, subrun), config);
                var r0 = $"/fefs/aswg/data/real/R0/20201120/LST-1.1.Run{run:D5}.{subrun:D4}.fits.fz";
                var dl1 = $"/fefs/aswg/data/real/DL1/20201120/v0.7.3/dl1_LST-1.Run{run:D5}.{subrun:D4}.h5";
                var ab = $"/fefs/aswg/data/real/DL1/20201120/v0.7.3/tailcut84/dl1_LST-1.Run{run:D5}.{subrun:D4}.h5";
                var check = $"/fefs/aswg/data/real/DL1/20201120/v0.7.3/tailcut84/datacheck/datacheck_dl1_LST-1.Run{run:D5}.{subrun:D4}.h5";
                job.Call(
                    "r0_to_dl1",
                    "lstchain_data_r0_to_dl1.py",
                    [("R0SubrunDataset", r0, "R0 subrun"), ("PedestalFile", "/fefs/aswg/data/real/monitoring/PixelCalibration/drs4_baseline/20201120/v0.7.3/drs4_pedestal.Run01591.0000.fits", "pedestal"),
                     ("CoefficientsCalibrationFile", "/fefs/aswg/data/real/monitoring/PixelCalibration/calibration/20201120/v0.7.3/calibration.Run01605.0000.hdf5", "calibration"),
                     ("TimeCalibrationFile", "/fefs/aswg/data/real/monitoring/PixelCalibration/calibration/20201120/v0.7.3/time_calibration.Run01605.0000.hdf5", "time calibration"),
                     ("PointingFile", "/fefs/home/lapp/DrivePositioning/drive_log_20_11_20.txt", "pointing"),
                     ("AnalysisConfigFile", "/fefs/aswg/software/virtual_env/ctasoft/cta-lstchain/lstchain/data/lstchain_standard_config.json", "configuration")],
                    [("DL1SubrunDataset", dl1, "DL1 subrun")],
                    "DL1Collection");
                job.Call("dl1ab", "lstchain_dl1ab.py", [("DL1SubrunDataset", dl1, "DL1 subrun")], [("DL1abSubrunDataset", ab, "DL1ab subrun")], "DL1abCollection");
                job.Call("dl1_datacheck", "lstchain_check_dl1.py", [("DL1abSubrunDataset", ab, "DL1ab subrun")], [("DataCheckSubrunFile", check, "datacheck subrun")], "DataCheckCollection");
                dl1ab.Add(ab);
            }

            var dl2 = new Job(log, 1605920589L + (run * 10) + 9, run, null, System(run, 9), config);
            dl2.Call(
                "dl1_to_dl2",
                "lstchain_dl1_to_dl2.py",
                [.. dl1ab.Select(f => ("DL1abSubrunDataset", f, "DL1ab subrun")),
                 ("RFModelEnergyFile", "/fefs/aswg/data/models/20200629_prod5_trans_80/zenith_20deg/south_pointing/20210416_v0.7.3_prod5_trans_80_dynamic_cleaning/reg_energy.sav", "energy model"),
                 ("RFModelDispFile", "/fefs/aswg/data/models/20200629_prod5_trans_80/zenith_20deg/south_pointing/20210416_v0.7.3_prod5_trans_80_dynamic_cleaning/reg_disp_vector.sav", "disp model"),
                 ("RFModelGammanessFile", "/fefs/aswg/data/models/20200629_prod5_trans_80/zenith_20deg/south_pointing/20210416_v0.7.3_prod5_trans_80_dynamic_cleaning/cls_gh.sav", "gammaness model")],
                [("DL2MergedFile", $"/fefs/aswg/data/real/DL2/20201120/v0.7.3/tailcut84/dl2_LST-1.Run{run:D5}.h5", "DL2 run")],
                "DL2Collection");
        }

        return log.Records;
    }

    private sealed class Writer(StreamWriter writer)
    {
        private DateTime _time = new(2020, 11, 21, 1, 3, 9, DateTimeKind.Utc);

        public long Records { get; private set; }

        public string Now => _time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

        public void Line(string dict)
        {
            _time = _time.AddTicks(1234);
            writer.Write(P);
            writer.Write(Now);
            writer.Write(P);
            writer.Write(dict);
            writer.Write('\n');
            Records++;
        }
    }

    private sealed class Job(Writer log, long session, int run, int? subrun, string system, string config)
    {
        private readonly string _session = Session(session, run, subrun, log.Now, system, config);
        private int _calls;

        public void Call(string name, string script, IReadOnlyList<(string Name, string Path, string Role)> used, IReadOnlyList<(string Name, string Path, string Role)> generated, string collection)
        {
            log.Line(_session);
            var activity = Guid(session, ++_calls);
            var runText = $"'observation_run': '{run:D5}'" + (subrun is { } s ? $", 'observation_subrun': '{s:D4}'" : string.Empty);
            log.Line($"{{'activity_id': '{activity}', 'name': '{name}', 'startTime': '{log.Now}', 'in_session': {session}, 'agent_name': 'lstanalyzer', 'script': '{script}', {runText}}}");
            log.Line($"{{'activity_id': '{activity}', 'parameters': {{'ObservationRun': '{run:D5}', 'ObservationSubRun': '{subrun ?? 0:D4}', 'ImageCleaning': 'tailcut84', 'PictureThreshold': 8.0, 'BoundaryThreshold': 4.0, 'KeepIsolatedPixels': False, 'MinNumberPictureNeighbors': 2, 'UseDynamicCleaning': True, 'Comment': None}}}}");
            foreach (var (kind, path, role) in used)
            {
                Entity(kind, path);
                log.Line($"{{'activity_id': '{activity}', 'used_role': '{role}', 'used_id': '{Md5(path)}'}}");
            }

            foreach (var (kind, path, role) in generated)
            {
                Entity(kind, path);
                log.Line($"{{'activity_id': '{activity}', 'generated_role': '{role}', 'generated_id': '{Md5(path)}'}}");
                log.Line($"{{'entity_id': '{Md5(path)}', 'progenitor_id': '{Md5(used[0].Path)}'}}");
                var folder = Path.GetDirectoryName(path)!;
                log.Line($"{{'entity_id': '{Md5(folder)}', 'name': '{collection}', 'location': '{folder}', 'type': 'FileCollection'}}");
                log.Line($"{{'entity_id': '{Md5(folder)}', 'member_id': '{Md5(path)}'}}");
            }

            log.Line($"{{'activity_id': '{activity}', 'name': '{name}', 'endTime': '{log.Now}'}}");
        }

        private void Entity(string kind, string path)
            => log.Line($"{{'entity_id': '{Md5(path)}', 'name': '{kind}', 'location': '{path}', 'hash': '{Md5(path)}', 'hash_type': 'md5', 'contentType': '{(path.EndsWith(".h5", StringComparison.Ordinal) ? "application/x-hdf5" : "application/octet-stream")}'}}");
    }

    private static string Session(long id, int run, int? subrun, string now, string system, string config)
        => $"{{'session_id': {id}, 'name': 'provprocess.py', 'startTime': '{now}', 'observation_date': '20201120', 'observation_run': '{run:D5}', "
         + $"'session_tag': 'r0_to_dl1:{run:D5}.{subrun ?? 0:D4}', 'software_version': 'v0.7.3', 'config': {config}, 'system': {system}}}";

    // lstchain's standard configuration, as lstosa logs it (nested dicts of numbers, strings, lists).
    private static string Config()
    {
        var text = new StringBuilder("{");
        string[] sections = ["source_config", "events_filters", "tailcut", "tailcut_clean_with_pedestal_threshold", "dynamic_cleaning", "random_forest_energy_regressor_args",
            "random_forest_disp_regressor_args", "random_forest_particle_classifier_args", "energy_regression_features", "disp_regression_features", "particle_classification_features",
            "allowed_tels", "write_pe_image", "mc_image_scaling_factor", "image_extractor", "image_extractor_for_muons", "CameraCalibrator", "time_sampling_correction_path",
            "LSTCalibrationCalibrator", "PointingPosition", "LocalPeakWindowSum", "GlobalPeakWindowSum", "timestamps_pointing", "train_gamma_src_r_deg", "source_dependent", "mc_nsb"];
        for (var i = 0; i < sections.Length; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append('\'').Append(sections[i]).Append("': {");
            for (var k = 0; k < 12; k++)
            {
                text.Append(k == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"'{sections[i]}_key{k}': ");
                text.Append((k % 4) switch
                {
                    0 => $"{(k + 1) * 0.125 * (i + 1):R}",
                    1 => $"'value_{i}_{k}'",
                    2 => $"[{i}, {k}, {i + k}, 'x']",
                    _ => k % 8 == 3 ? "True" : "None",
                });
            }

            text.Append('}');
        }

        return text.Append('}').ToString();
    }

    // What lstosa's get_system_provenance gives: the interpreter, the platform, the environment, the packages.
    private static string System(int run, int subrun)
    {
        var text = new StringBuilder("{'executable': '/fefs/aswg/software/conda/envs/osa-v0.7.3/bin/python', 'platform': {'architecture_bits': '64bit', 'architecture_linkage': 'ELF', ");
        text.Append(CultureInfo.InvariantCulture, $"'machine': 'x86_64', 'processor': 'x86_64', 'node': 'cp{(run + subrun) % 40:D2}', 'version': '#1 SMP Tue Nov 3 19:12:58 UTC 2020', 'system': 'Linux', 'release': '3.10.0-1160.6.1.el7.x86_64', 'libcver': ('glibc', '2.17'), 'num_cpus': 48, 'boot_time': 1604416392.0}}, ");
        text.Append("'python': {'version_string': '3.8.6 | packaged by conda-forge | (default, Oct  7 2020, 19:08:05) \\n[GCC 7.5.0]', 'version': ('3', '8', '6'), 'compiler': 'GCC 7.5.0', 'implementation': 'CPython', 'packages': [");
        for (var i = 0; i < 400; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"{{'name': 'package-{i:D3}', 'version': '{i % 7}.{i % 13}.{i % 5}'}}");
        }

        text.Append("]}, 'environment': {'CONDA_DEFAULT_ENV': 'osa-v0.7.3', 'CONDA_PREFIX': '/fefs/aswg/software/conda/envs/osa-v0.7.3', 'CONDA_PYTHON_EXE': '/fefs/aswg/software/conda/bin/python', ");
        text.Append("'CONDA_EXE': '/fefs/aswg/software/conda/bin/conda', 'CONDA_PROMPT_MODIFIER': '(osa-v0.7.3) ', 'CONDA_SHLVL': '2', 'PATH': '");
        for (var i = 0; i < 40; i++)
        {
            text.Append(i == 0 ? "" : ":").Append(CultureInfo.InvariantCulture, $"/fefs/aswg/software/tool{i}/bin");
        }

        text.Append("', 'LD_LIBRARY_PATH': '/usr/local/lib:/usr/lib64', 'DYLD_LIBRARY_PATH': None, 'USER': 'lstanalyzer', 'HOME': '/fefs/home/lstanalyzer', 'SHELL': '/bin/bash'}, ");
        text.Append(CultureInfo.InvariantCulture, $"'arguments': ['/fefs/aswg/software/osa/provprocess.py', '-c', 'cfg/sequencer.cfg', '{run:D5}', '{subrun:D4}', '20201120', 'v0.7.3', 'tailcut84'], 'start_time_utc': '2020-11-21T01:03:09.000'}}");
        return text.ToString();
    }

    private static string Guid(long session, int call) => new Guid(MD5.HashData(Encoding.UTF8.GetBytes($"{session}:{call}"))).ToString();

    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
