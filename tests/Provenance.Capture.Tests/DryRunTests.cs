using Provenance.Capture.Records;
using Provenance.Capture.Tests.Pipeline;

namespace Provenance.Capture.Tests;

public sealed class DryRunTests : IDisposable
{
    private readonly CaptureFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Dry_run_skips_bodies_but_writes_all_records_with_outputs_from_the_model()
    {
        var r0 = _fixture.File("LST-1.Run01618.0001.fits.fz", "raw");
        var calibration = new Calibration(_fixture.File("calib.txt", "c"));
        var pipeline = new TestPipeline();
        using (_fixture.Start(o => o.DryRun = true))
        {
            pipeline.R0ToDl1(r0, calibration, 1618, 1, _fixture.Directory);
        }

        pipeline.BodyRuns.ShouldBe(0);
        var expectedDl1 = Path.Combine(_fixture.Directory, "dl1_Run01618.0001.h5");
        File.Exists(expectedDl1).ShouldBeFalse();
        _fixture.Records(RecordKinds.ActivityStart).Single().GetProperty("dry_run").GetBoolean().ShouldBeTrue();
        var end = _fixture.Records(RecordKinds.ActivityEnd).Single();
        end.Str("status").ShouldBe(ActivityStatus.DryRun);
        var dl1 = _fixture.Records(RecordKinds.Entity).Single(e => e.Str("name") == "DL1SubrunDataset");
        dl1.Str("location").ShouldBe(expectedDl1);
        dl1.TryGetProperty("missing", out _).ShouldBeFalse("a planned output is not a missing file");
        _fixture.Records(RecordKinds.Warning).ShouldBeEmpty();
        end.GetProperty("generated").EnumerateArray().Single().Str("generated_id").ShouldBe(dl1.Str("entity_id"));
    }

    [Fact]
    public void Dry_run_result_hook_builds_return_values_from_the_inputs()
    {
        var pedestal = _fixture.File("p.fits", "p");
        var config = _fixture.File("c.json", "{}");
        string result;
        using (_fixture.Start(o =>
        {
            o.DryRun = true;
            o.DryRunResults.For("calibrate", call => Path.Combine(call.Argument<string>("outputDir"), $"calibration_Run{call.Argument<int>("run"):D5}.txt"));
        }))
        {
            result = TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), 7, _fixture.Directory);
        }

        result.ShouldBe(Path.Combine(_fixture.Directory, "calibration_Run00007.txt"));
        File.Exists(result).ShouldBeFalse();
        var calibration = _fixture.Records(RecordKinds.Entity).Single(e => e.Str("name") == "CalibrationFile");
        calibration.Str("location").ShouldBe(result);
    }

    [Fact]
    public void A_dry_run_hook_asking_for_a_parameter_the_method_lacks_is_told_which_it_has()
    {
        var pedestal = _fixture.File("p.fits", "p");
        var config = _fixture.File("c.json", "{}");
        using (_fixture.Start(o =>
        {
            o.DryRun = true;
            o.DryRunResults.For("calibrate", call => call.Argument<string>("outputDirectory"));
        }))
        {
            Should.Throw<ArgumentException>(() => TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), 7, _fixture.Directory))
                .Message.ShouldBe("activity 'calibrate' has no parameter 'outputDirectory' (it has: pedestalFile, settings, run, outputDir) (Parameter 'name')");
        }
    }

    [Fact]
    public async Task Dry_run_async_methods_return_completed_tasks_with_default_results()
    {
        var pipeline = new TestPipeline();
        using (_fixture.Start(o => o.DryRun = true))
        {
            (await pipeline.ValueTaskStep(3)).ShouldBe(0);
            await pipeline.AsyncVoidStep(_fixture.File("i", "i"), TimeSpan.FromSeconds(30));
        }

        pipeline.BodyRuns.ShouldBe(0);
        _fixture.Records(RecordKinds.ActivityEnd).Count.ShouldBe(2);
    }

    [Fact]
    public void Dry_run_is_switched_on_by_the_environment_variable()
    {
        Environment.SetEnvironmentVariable(ProvenanceOptions.DryRunVariable, "1");
        try
        {
            new ProvenanceOptions().DryRun.ShouldBeTrue();
        }
        finally
        {
            Environment.SetEnvironmentVariable(ProvenanceOptions.DryRunVariable, null);
        }

        new ProvenanceOptions().DryRun.ShouldBeFalse();
    }
}
