using Provenance.Capture.Model;
using Provenance.Capture.Records;
using Provenance.Capture.Tests.Pipeline;

namespace Provenance.Capture.Tests;

public sealed class ModelErrorTests : IDisposable
{
    private readonly CaptureFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private string ModelWith(string original, string replacement)
    {
        var text = File.ReadAllText(CaptureFixture.ModelPath);
        text.ShouldContain(original);
        return _fixture.File("model.yaml", text.Replace(original, replacement));
    }

    private static int LineOf(string path, string text) => Array.FindIndex(File.ReadAllLines(path), l => l.Contains(text)) + 1;

    [Fact]
    public void Bad_yaml_names_file_and_line()
    {
        var path = _fixture.File("bad.yaml", "activities:\n  calibrate:\n    usage: [\n      - role: x\n");
        var error = Should.Throw<ProvenanceModelException>(() => ProvenanceModel.Load(path));
        error.File.ShouldBe(path);
        error.Line.ShouldBeGreaterThan(1);
        error.Diagnostics[0].Id.ShouldBe(DiagnosticIds.YamlSyntax);
        error.Message.ShouldStartWith($"{path}:{error.Line}: error PCAP001");
    }

    [Fact]
    public void Missing_model_file_is_a_clear_error()
    {
        var path = Path.Combine(_fixture.Directory, "nowhere.yaml");
        var error = Should.Throw<ProvenanceModelException>(() => ProvenanceModel.Load(path));
        error.Diagnostics[0].Id.ShouldBe(DiagnosticIds.FileNotFound);
        error.Message.ShouldContain(path);
    }

    [Fact]
    public void Unknown_key_and_bad_enum_are_reported_with_their_lines()
    {
        var path = ModelWith("    contentType: application/x-fits", "    contentTyp: application/x-fits\n    hash: sometimes");
        var error = Should.Throw<ProvenanceModelException>(() => ProvenanceModel.Load(path));
        error.Diagnostics.Count.ShouldBe(2);
        error.Diagnostics[0].Line.ShouldBe(LineOf(path, "contentTyp:"));
        error.Diagnostics[0].Message.ShouldContain("unknown key 'contentTyp'");
        error.Diagnostics[1].Line.ShouldBe(LineOf(path, "hash: sometimes"));
        error.Diagnostics[1].Message.ShouldContain("content, path, none");
    }

    [Fact]
    public void Usage_of_an_undescribed_entity_is_an_error()
    {
        var path = ModelWith("entityName: PedestalFile", "entityName: PedestalFiel");
        var error = Should.Throw<ProvenanceModelException>(() => ProvenanceModel.Load(path));
        var diagnostic = error.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe(DiagnosticIds.UnknownEntity);
        diagnostic.Activity.ShouldBe("calibrate");
        diagnostic.Name.ShouldBe("PedestalFiel");
    }

    [Fact]
    public void Model_naming_a_parameter_the_method_lacks_fails_at_start_up_with_file_line_activity_and_parameter()
    {
        var path = ModelWith("value: pedestalFile", "value: pedestalPath");
        var error = Should.Throw<ProvenanceModelException>(() => ProvenanceCapture.Start(_fixture.Options(o => o.ModelPath = path)));
        var diagnostic = error.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe(DiagnosticIds.UnknownParameter);
        diagnostic.File.ShouldBe(path);
        diagnostic.Line.ShouldBe(LineOf(path, "value: pedestalPath"));
        diagnostic.Activity.ShouldBe("calibrate");
        diagnostic.Name.ShouldBe("pedestalPath");
        diagnostic.Message.ShouldContain("pedestalFile, settings, run, outputDir");
        ProvenanceCapture.Current.ShouldBeNull();
    }

    [Fact]
    public void Model_naming_a_member_the_type_lacks_fails_at_start_up()
    {
        var path = ModelWith("value: settings.ConfigPath", "value: settings.ConfigFile");
        var error = Should.Throw<ProvenanceModelException>(() => ProvenanceCapture.Start(_fixture.Options(o => o.ModelPath = path)));
        var diagnostic = error.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe(DiagnosticIds.UnknownMember);
        diagnostic.Line.ShouldBe(LineOf(path, "settings.ConfigFile"));
        diagnostic.Message.ShouldContain("CalibrationSettings has no public property or field 'ConfigFile' (it has: Gain, ConfigPath)");
    }

    [Fact]
    public void Reading_the_result_of_a_void_method_is_an_error()
    {
        var path = ModelWith("value: \"{outputDir}/dl1_Run{run:D5}.{subrun:D4}.h5\"", "value: result.Path");
        var error = Should.Throw<ProvenanceModelException>(() => ProvenanceCapture.Start(_fixture.Options(o => o.ModelPath = path)));
        var diagnostic = error.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe(DiagnosticIds.NoResult);
        diagnostic.Message.ShouldStartWith("'result.Path' reads the result, but ");
        diagnostic.Message.ShouldEndWith(" returns nothing");
    }

    [Fact]
    public void Bad_expression_syntax_is_reported()
    {
        var path = ModelWith("value: settings.Gain", "value: \"{settings.Gain\"");
        var error = Should.Throw<ProvenanceModelException>(() => ProvenanceModel.Load(path));
        error.Diagnostics.ShouldHaveSingleItem().Id.ShouldBe(DiagnosticIds.ExpressionSyntax);
    }

    [Fact]
    public void Activity_missing_from_the_model_gets_one_start_up_warning_and_no_records()
    {
        using (var capture = _fixture.Start())
        {
            var warning = capture.Diagnostics.ShouldHaveSingleItem();
            warning.Id.ShouldBe(DiagnosticIds.UnmodelledActivity);
            warning.Activity.ShouldBe(nameof(TestPipeline.NotInModel));
            TestPipeline.NotInModel(1, "x").ShouldBe(2);
            TestPipeline.NotInModel(2, "x").ShouldBe(3);
        }

        _fixture.Records(RecordKinds.ActivityStart).ShouldBeEmpty();
    }

    [Fact]
    public void Activity_missing_from_the_model_is_an_error_when_the_options_say_so()
    {
        var error = Should.Throw<ProvenanceModelException>(() => _fixture.Start(o => o.UnmodelledActivities = UnmodelledActivityHandling.Error));
        error.Diagnostics.ShouldHaveSingleItem().Activity.ShouldBe(nameof(TestPipeline.NotInModel));
    }

    [Fact]
    public void Activity_missing_from_the_model_is_captured_blind_when_the_options_say_so()
    {
        var input = _fixture.File("blind.txt", "blind input");
        using (_fixture.Start(o => o.UnmodelledActivities = UnmodelledActivityHandling.CaptureBlind))
        {
            TestPipeline.NotInModel(5, input);
        }

        var start = _fixture.Records(RecordKinds.ActivityStart).ShouldHaveSingleItem();
        start.GetProperty("blind").GetBoolean().ShouldBeTrue();
        start.GetProperty("parameters").GetProperty("x").GetInt32().ShouldBe(5);
        start.GetProperty("parameters").Str("path").ShouldBe(input);
        start.GetProperty("used").EnumerateArray().ShouldHaveSingleItem().Str("used_role").ShouldBe("path");
    }

    [Fact]
    public void A_model_activity_no_method_has_is_a_warning_at_its_line_naming_the_unmodelled_method_it_likely_means()
    {
        // Two typos, two and three edits away (the most a name of 8 and of 12 letters may be off), and a name near nothing.
        var path = ModelWith("\n  calibrate:\n", "\n  wholly_unrelated_name:\n    description: nothing calls it\n  kalibrat:\n");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\n  value_task_step:\n", "\n  valu_tsk_stp:\n", StringComparison.Ordinal));
        var reports = new System.Collections.Concurrent.ConcurrentQueue<string>();
        SelfLog.Enable(reports.Enqueue);
        try
        {
            using var capture = _fixture.Start(o => o.ModelPath = path);
        }
        finally
        {
            SelfLog.Disable();
        }

        string Orphan(string name) => reports.Where(r => r.Contains($"activity '{name}': no [Activity(\"{name}\")] method", StringComparison.Ordinal)).ShouldHaveSingleItem();
        Orphan("kalibrat").ShouldEndWith($"{path}:{LineOf(path, "  kalibrat:")}: warning PCAP010: activity 'kalibrat': no [Activity(\"kalibrat\")] method was found in the assemblies scanned at start-up; did you mean 'calibrate'?");
        Orphan("valu_tsk_stp").ShouldEndWith("method was found in the assemblies scanned at start-up; did you mean 'value_task_step'?");
        Orphan("wholly_unrelated_name").ShouldEndWith("method was found in the assemblies scanned at start-up");
    }
}
