using System.Text;

namespace LstOnsite;

/// <summary>Writes small stand-ins for the night's raw data, calibration runs, configuration and RF models.</summary>
public static class InputGenerator
{
    public const int PedestalRun = 1604;
    public const int CalibrationRun = 1605;

    public sealed record Inputs(
        Night Night,
        string PedestalRawFile,
        string CalibrationRawFile,
        IReadOnlyList<SubrunFile> Subruns,
        RandomForestModels Models);

    public static Inputs Generate(string root, IReadOnlyList<int> runs, int subrunsPerRun)
    {
        var raw = Directory.CreateDirectory(Path.Combine(root, "R0", "20201120")).FullName;
        var monitoring = Directory.CreateDirectory(Path.Combine(root, "monitoring")).FullName;
        var models = Directory.CreateDirectory(Path.Combine(root, "models", "20200629_mc_prod5")).FullName;
        var night = new Night(
            Date: "2020-11-20",
            PointingFile: Write(Path.Combine(monitoring, "DrivePositioning", "drive_log_20_11_20.txt"), Lines("drive", 200)),
            AnalysisConfig: Write(Path.Combine(root, "config", "lstchain_standard_config.json"), """{"tailcut": {"picture_thresh": 8, "boundary_thresh": 4}, "random_forest_energy_regressor_args": {"n_estimators": 150}}"""),
            RunSummary: Write(Path.Combine(monitoring, "RunSummary", "RunSummary_20201120.ecsv"), string.Join('\n', runs.Select(r => $"{r} DATA 2020-11-20T22:{r % 60:D2}:00"))),
            CalibrationDirectory: Path.Combine(root, "running_analysis", "20201120", "calibration"),
            Dl1Directory: Path.Combine(root, "DL1", "20201120"),
            Dl2Directory: Path.Combine(root, "DL2", "20201120"),
            PictureThreshold: 8);
        var subruns = new List<SubrunFile>();
        foreach (var run in runs)
        {
            for (var subrun = 0; subrun < subrunsPerRun; subrun++)
            {
                subruns.Add(new SubrunFile(run, subrun, Write(Path.Combine(raw, $"LST-1.1.Run{run:D5}.{subrun:D4}.fits.fz"), Lines($"waveforms run {run} subrun {subrun}", 50))));
            }
        }

        return new Inputs(
            night,
            Write(Path.Combine(raw, $"LST-1.1.Run{PedestalRun:D5}.0000.fits.fz"), Lines("pedestal", 50)),
            Write(Path.Combine(raw, $"LST-1.1.Run{CalibrationRun:D5}.0000.fits.fz"), Lines("flat field", 50)),
            subruns,
            new RandomForestModels(
                Write(Path.Combine(models, "reg_energy.sav"), Lines("energy forest", 20)),
                Write(Path.Combine(models, "reg_disp_vector.sav"), Lines("disp forest", 20)),
                Write(Path.Combine(models, "cls_gh.sav"), Lines("gammaness forest", 20))));
    }

    private static string Lines(string what, int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(what).Append(' ').Append(i).Append('\n');
        }

        return text.ToString();
    }

    private static string Write(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }
}
