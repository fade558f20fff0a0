namespace LstOnsite;

/// <summary>What is fixed for the whole night: where things are and the analysis settings.</summary>
public sealed record Night(
    string Date,
    string PointingFile,
    string AnalysisConfig,
    string RunSummary,
    string CalibrationDirectory,
    string Dl1Directory,
    string Dl2Directory,
    double PictureThreshold);

/// <summary>One subrun of an observation run.</summary>
public sealed record SubrunFile(int Run, int Subrun, string R0File);

/// <summary>The calibration files every subrun of the night uses.</summary>
public sealed record CalibrationSet(string PedestalFile, string CoefficientsFile, string TimeCalibrationFile);

/// <summary>The outputs of the charge calibration.</summary>
public sealed record ChargeCalibration(string CoefficientsFile, string TimeCalibrationFile);

/// <summary>Settings of the charge calibration.</summary>
public sealed record ChargeCalibrationSettings(string FlatfieldHeuristic);

/// <summary>Random Forest models trained on Monte Carlo simulations (referenced, never copied).</summary>
public sealed record RandomForestModels(string EnergyModel, string DirectionModel, string GammanessModel);

/// <summary>Where each step writes: used by the steps themselves and by dry-run to plan outputs.</summary>
public static class OutputPaths
{
    public static string Pedestal(Night night, int run) => Path.Combine(night.CalibrationDirectory, $"drs4_pedestal.Run{run:D5}.0000.h5");

    public static ChargeCalibration Charge(Night night, int run) => new(
        Path.Combine(night.CalibrationDirectory, $"calibration_filters_52.Run{run:D5}.0000.h5"),
        Path.Combine(night.CalibrationDirectory, $"time_calibration.Run{run:D5}.0000.h5"));

    public static string Dl1(Night night, SubrunFile subrun) => Path.Combine(night.Dl1Directory, $"dl1_LST-1.Run{subrun.Run:D5}.{subrun.Subrun:D4}.h5");

    public static string Muons(Night night, SubrunFile subrun) => Path.Combine(night.Dl1Directory, $"muons_LST-1.Run{subrun.Run:D5}.{subrun.Subrun:D4}.fits");

    public static string MuonTable(Night night, SubrunFile subrun) => Path.Combine(night.Dl1Directory, $"muon_table_LST-1.Run{subrun.Run:D5}.{subrun.Subrun:D4}.csv");

    public static string Dl1ab(Night night, SubrunFile subrun) => Path.Combine(night.Dl1Directory, "tailcut84", $"dl1_LST-1.Run{subrun.Run:D5}.{subrun.Subrun:D4}.h5");

    public static string Datacheck(Night night, SubrunFile subrun) => Path.Combine(night.Dl1Directory, "tailcut84", $"datacheck_dl1_LST-1.Run{subrun.Run:D5}.{subrun.Subrun:D4}.h5");

    public static string Dl2(Night night, SubrunFile subrun) => Path.Combine(night.Dl2Directory, $"dl2_LST-1.Run{subrun.Run:D5}.{subrun.Subrun:D4}.h5");

    public static string Dl2Run(Night night, int run) => Path.Combine(night.Dl2Directory, $"dl2_LST-1.Run{run:D5}.h5");
}
