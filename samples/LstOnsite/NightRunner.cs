using System.Diagnostics;
using System.Globalization;
using Provenance.Capture;
using Provenance.Capture.Prov.Merge;
using Provenance.Capture.Prov.Writers;
using Provenance.Capture.Store;

namespace LstOnsite;

/// <summary>How to run the night.</summary>
public sealed record NightOptions
{
    public required string OutputDirectory { get; init; }

    public IReadOnlyList<int> Runs { get; init; } = [1618, 1619];

    public int SubrunsPerRun { get; init; } = 4;

    public bool DryRun { get; init; }

    public string ModelPath { get; init; } = Path.Combine(AppContext.BaseDirectory, "models", "lst-onsite.yaml");

    /// <summary>Merge the logs into PROV documents and graphs at the end (the library API, as an analyst would).</summary>
    public bool PostProcess { get; init; } = true;

    /// <summary>Capture provenance (false: the same night, unrecorded, to compare times with).</summary>
    public bool Capture { get; init; } = true;
}

/// <summary>One document written by the post-processing step.</summary>
public sealed record WrittenDocument(string Path, int Activities, int Entities);

/// <summary>What a night left behind.</summary>
public sealed record NightResult(string LogPath, string ArchiveDirectory, int Activities, TimeSpan Elapsed, IReadOnlyList<WrittenDocument> Documents, string? GraphNote)
{
    /// <summary>The provenance store the night was ingested into, when post-processed.</summary>
    public string? StorePath { get; init; }

    /// <summary>A few lines answering where the first run's DL2 file came from (the store's back lineage).</summary>
    public IReadOnlyList<string> Lineage { get; init; } = [];
}

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
        string archive;
        using (var capture = options.Capture ? ProvenanceCapture.Start(captureOptions) : null)
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

            archive = capture?.Archive.Root ?? "(no capture)";
        }

        var (documents, note) = options.PostProcess && options.Capture ? PostProcess(root, mode, logPath, options) : ([], null);
        var result = new NightResult(logPath, archive, activities, watch.Elapsed, documents, note);
        return options.PostProcess && options.Capture && !options.DryRun ? Store(root, logPath, OutputPaths.Dl2Run(night, options.Runs[0]), result) : result;
    }

    /// <summary>Ingests the night into a fresh store beside it and asks where the first run's DL2 file came from.</summary>
    private static NightResult Store(string root, string logPath, string dl2, NightResult result)
    {
        var path = Path.Combine(root, "provenance.db");
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        using var store = ProvenanceStore.Open(path);
        store.Ingest([logPath]);
        var lineage = store.Lineage(dl2);
        var lines = new List<string> { $"{Path.GetFileName(dl2)} came from {lineage.Nodes.Count(n => n.Kind == "activity")} activities and these files:" };
        lines.AddRange(lineage.Nodes.Where(n => n.Kind == "entity" && n.Depth > 0)
            .GroupBy(n => n.Name ?? "file")
            .OrderByDescending(g => g.Max(n => n.Depth))
            .Select(g => $"{g.Key} x{g.Count()} (e.g. {Path.GetFileName(g.First().Location)})"));
        return result with { StorePath = path, Lineage = lines };
    }

    /// <summary>Per run: the run-level PROV-JSON and its graph; plus the subrun-level document of the first subrun.</summary>
    private static (List<WrittenDocument>, string?) PostProcess(string root, string mode, string logPath, NightOptions options)
    {
        var written = new List<WrittenDocument>();
        var graphviz = GraphvizRenderer.IsAvailable();
        var folder = Path.Combine(root, "prov");
        foreach (var run in options.Runs)
        {
            var merge = new MergeOptions { Granularity = Granularity.Run };
            merge.Runs.Add(run.ToString(CultureInfo.InvariantCulture));
            var document = ProvenanceMerger.Merge([logPath], merge).Document;
            var json = Path.Combine(folder, $"run{run:D5}-{mode}.prov.json");
            ProvOutput.Write(document, json);
            written.Add(new WrittenDocument(json, document.Activities.Count, document.Entities.Count));
            var graph = Path.Combine(folder, $"run{run:D5}-{mode}" + (graphviz ? ".svg" : ".dot"));
            ProvOutput.Write(document, graph);
            written.Add(new WrittenDocument(graph, document.Activities.Count, document.Entities.Count));
        }

        var subrunMerge = new MergeOptions { Granularity = Granularity.Subrun };
        subrunMerge.Runs.Add(options.Runs[0].ToString(CultureInfo.InvariantCulture));
        subrunMerge.Subruns.Add("0");
        var subrunDocument = ProvenanceMerger.Merge([logPath], subrunMerge).Document;
        var subrunJson = Path.Combine(folder, $"run{options.Runs[0]:D5}.0000-{mode}.prov.json");
        ProvOutput.Write(subrunDocument, subrunJson);
        written.Add(new WrittenDocument(subrunJson, subrunDocument.Activities.Count, subrunDocument.Entities.Count));
        return (written, graphviz ? null : "Graphviz is not installed, so graphs were written as .dot; " + GraphvizRenderer.InstallHint);
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
