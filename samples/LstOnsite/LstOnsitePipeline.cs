using System.Security.Cryptography;
using System.Text;
using Provenance.Capture;

namespace LstOnsite;

/// <summary>
/// The night's processing steps, written as a pipeline developer would: plain methods with one
/// attribute each. Each step really reads its inputs and writes small outputs, so hashes are real.
/// </summary>
public static class LstOnsitePipeline
{
    [Activity("drs4_pedestal")]
    public static string Drs4Pedestal(string pedestalRawFile, int pedestalRun, int maxEvents, Night night)
    {
        var output = OutputPaths.Pedestal(night, pedestalRun);
        WriteDerived(output, "DRS4 baseline", pedestalRawFile);
        return output;
    }

    [Activity("calibrate_charge")]
    public static ChargeCalibration CalibrateCharge(string calibrationRawFile, int calibrationRun, string pedestalFile, ChargeCalibrationSettings settings, Night night)
    {
        var outputs = OutputPaths.Charge(night, calibrationRun);
        WriteDerived(outputs.CoefficientsFile, "charge coefficients " + settings.FlatfieldHeuristic, calibrationRawFile, pedestalFile);
        WriteDerived(outputs.TimeCalibrationFile, "time calibration", calibrationRawFile);
        return outputs;
    }

    [Activity("r0_to_dl1")]
    public static void R0ToDl1(SubrunFile subrun, CalibrationSet calibration, Night night)
    {
        WriteDerived(OutputPaths.Dl1(night, subrun), "DL1 images", subrun.R0File, calibration.PedestalFile, calibration.CoefficientsFile, calibration.TimeCalibrationFile, night.PointingFile);
        WriteDerived(OutputPaths.Muons(night, subrun), "muon candidates", subrun.R0File);
    }

    [Activity("muon_analysis")]
    public static string MuonAnalysis(string muonsFile, SubrunFile subrun, Night night)
    {
        var output = OutputPaths.MuonTable(night, subrun);
        WriteDerived(output, "muon rings", muonsFile);
        return output;
    }

    [Activity("dl1ab")]
    public static string Dl1ab(string dl1File, SubrunFile subrun, Night night)
    {
        var output = OutputPaths.Dl1ab(night, subrun);
        WriteDerived(output, $"DL1 tailcut {night.PictureThreshold}", dl1File, night.AnalysisConfig);
        return output;
    }

    [Activity("dl1_datacheck")]
    public static string Dl1Datacheck(string dl1abFile, string muonTable, SubrunFile subrun, Night night)
    {
        var output = OutputPaths.Datacheck(night, subrun);
        WriteDerived(output, "datacheck", dl1abFile, muonTable);
        return output;
    }

    [Activity("dl1_to_dl2")]
    public static async Task<string> Dl1ToDl2(string dl1abFile, RandomForestModels models, SubrunFile subrun, Night night)
    {
        var output = OutputPaths.Dl2(night, subrun);
        await Task.Yield();
        WriteDerived(output, "DL2 events", dl1abFile, models.EnergyModel, models.DirectionModel, models.GammanessModel);
        return output;
    }

    [Activity("merge_dl2")]
    public static string MergeDl2(IReadOnlyList<string> dl2Files, int run, Night night)
    {
        var output = OutputPaths.Dl2Run(night, run);
        WriteDerived(output, $"DL2 run {run}", [.. dl2Files, night.RunSummary]);
        return output;
    }

    /// <summary>Writes an output whose content depends on every input's bytes, as real processing would.</summary>
    private static void WriteDerived(string output, string what, params string[] inputs)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var text = new StringBuilder().AppendLine(what);
        foreach (var input in inputs)
        {
            text.Append(Path.GetFileName(input)).Append(' ').AppendLine(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(input))));
        }

        File.WriteAllText(output, text.ToString());
    }
}
