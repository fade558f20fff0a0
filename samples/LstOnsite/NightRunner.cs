using System.Diagnostics;
using Provenance.Capture;
using Provenance.Capture.Runtime;

namespace LstOnsite;

/// <summary>How to run the night.</summary>
public sealed record NightOptions
{
    public required string OutputDirectory { get; init; }

    public IReadOnlyList<int> Runs { get; init; } = [1618, 1619];

    public int SubrunsPerRun { get; init; } = 4;

    public bool DryRun { get; init; }

    public string ModelPath { get; init; } = Path.Combine(AppContext.BaseDirectory, "models", "lst-onsite.yaml");
}

/// <summary>What a night left behind.</summary>
public sealed record NightResult(string LogPath, string ArchiveDirectory, int Activities, TimeSpan Elapsed);

/// <summary>The on-site sequencer of the sample: calibration, then every subrun in parallel, then per-run merges.</summary>
public static class NightRunner
{
    public static async Task<NightResult> RunAsync(NightOptions options)
    {
        var watch = Stopwatch.StartNew();
        var mode = options.DryRun ? "dry-run" : "real";
        var root = Path.GetFullPath(options.OutputDirectory);
        var inputs = InputGenerator.Generate(Path.Combine(root, "data"), options.Runs, options.SubrunsPerRun);
        var night = inputs.Night;
        var logPath = Path.Combine(root, "logs", $"prov-{mode}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        File.Delete(logPath);
        var captureOptions = new ProvenanceOptions
        {
            ModelPath = options.ModelPath,
            LogPath = logPath,
            ArchiveDirectory = Path.Combine(root, "logs", "prov-archive"),
            DryRun = options.DryRun,
            SessionTag = $"LST1-{night.Date}-{mode}",
            ObservationDate = night.Date,
        };
        PlanDryRunOutputs(captureOptions.DryRunResults);

        var activities = 0;
        using (var capture = ProvenanceCapture.Start(captureOptions))
        {
            var pedestal = LstOnsitePipeline.Drs4Pedestal(inputs.PedestalRawFile, InputGenerator.PedestalRun, 20000, night);
            var charge = LstOnsitePipeline.CalibrateCharge(inputs.CalibrationRawFile, InputGenerator.CalibrationRun, pedestal, new ChargeCalibrationSettings("median"), night);
            var calibration = new CalibrationSet(pedestal, charge.CoefficientsFile, charge.TimeCalibrationFile);
            activities += 2;

            var dl2ByRun = options.Runs.ToDictionary(run => run, _ => new List<string>());
            await Parallel.ForEachAsync(inputs.Subruns, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (subrun, _) =>
            {
                LstOnsitePipeline.R0ToDl1(subrun, calibration, night);
                var muonTable = LstOnsitePipeline.MuonAnalysis(OutputPaths.Muons(night, subrun), subrun, night);
                var dl1ab = LstOnsitePipeline.Dl1ab(OutputPaths.Dl1(night, subrun), subrun, night);
                LstOnsitePipeline.Dl1Datacheck(dl1ab, muonTable, subrun, night);
                var dl2 = await LstOnsitePipeline.Dl1ToDl2(dl1ab, inputs.Models, subrun, night);
                lock (dl2ByRun)
                {
                    dl2ByRun[subrun.Run].Add(dl2);
                }
            });
            activities += inputs.Subruns.Count * 5;

            foreach (var (run, dl2Files) in dl2ByRun)
            {
                dl2Files.Sort(StringComparer.Ordinal);
                LstOnsitePipeline.MergeDl2(dl2Files, run, night);
                activities++;
            }

            return new NightResult(logPath, capture.Archive.Root, activities, watch.Elapsed);
        }
    }

    /// <summary>Under dry-run nothing is written, yet later steps need the paths earlier steps would return.</summary>
    private static void PlanDryRunOutputs(DryRunResults results)
    {
        results
            .For("drs4_pedestal", call => OutputPaths.Pedestal(call.Argument<Night>("night"), call.Argument<int>("pedestalRun")))
            .For("calibrate_charge", call => OutputPaths.Charge(call.Argument<Night>("night"), call.Argument<int>("calibrationRun")))
            .For("muon_analysis", call => OutputPaths.MuonTable(call.Argument<Night>("night"), call.Argument<SubrunFile>("subrun")))
            .For("dl1ab", call => OutputPaths.Dl1ab(call.Argument<Night>("night"), call.Argument<SubrunFile>("subrun")))
            .For("dl1_datacheck", call => OutputPaths.Datacheck(call.Argument<Night>("night"), call.Argument<SubrunFile>("subrun")))
            .For("dl1_to_dl2", call => OutputPaths.Dl2(call.Argument<Night>("night"), call.Argument<SubrunFile>("subrun")))
            .For("merge_dl2", call => OutputPaths.Dl2Run(call.Argument<Night>("night"), call.Argument<int>("run")));
    }
}
