using System.Text.Json;
using Provenance.Capture.Model;
using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Merge;
using Provenance.Capture.Prov.Readers;
using Provenance.Capture.Prov.Writers;
using Provenance.Capture.Records;
using Provenance.Capture.Tests.Pipeline;

namespace Provenance.Capture.Tests;

/// <summary>The model's descriptions, units and agents reach the records and the PROV document.</summary>
public sealed class ModelNotesTests : IDisposable
{
    private readonly CaptureFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    // A JSON value as the readers give it: maps, lists and scalars.
    private static object? Plain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Select(Plain).ToList(),
        JsonValueKind.String => element.GetString(),
        _ => element.GetRawText(),
    };

    private void CalibrateOnce()
    {
        var pedestal = _fixture.File("pedestal.fits", "pedestal");
        var config = _fixture.File("config.json", "{}");
        TestPipeline.Calibrate(pedestal, new CalibrationSettings(1, config), 1, _fixture.Directory);
    }

    // Merged, written as PROV-JSON on disk and read back: what a user of the document sees.
    private ProvDocument MergedDocument(MergeOptions? options = null)
    {
        var path = Path.Combine(_fixture.Directory, "merged.prov.json");
        ProvOutput.Write(ProvenanceMerger.Merge([_fixture.LogPath], options ?? new MergeOptions()).Document, path);
        return ProvJsonReader.Read(path);
    }

    [Fact]
    public void The_session_record_carries_the_models_descriptions_units_and_agents_once()
    {
        using (_fixture.Start())
        {
            CalibrateOnce();
        }

        var notes = _fixture.Records(RecordKinds.Session).ShouldHaveSingleItem().GetProperty(RecordFields.ModelNotes);
        var calibrate = notes.GetProperty("activities").GetProperty("calibrate");
        calibrate.GetProperty("description").GetString().ShouldBe("makes a calibration file from a pedestal file");
        calibrate.GetProperty("parameters").GetProperty("gain").GetProperty("unit").GetString().ShouldBe("adu");
        calibrate.GetProperty("parameters").GetProperty("run").GetProperty("description").GetString().ShouldBe("run number");
        calibrate.GetProperty("used").GetProperty("pedestal").GetString().ShouldBe("the pedestal run the calibration starts from");
        notes.GetProperty("entities").GetProperty("PedestalFile").GetString().ShouldBe("DRS4 pedestal run (FITS)");
        notes.GetProperty("agents").GetProperty("tester").GetProperty("email").GetString().ShouldBe("tests@example.org");
        _fixture.Records(RecordKinds.ActivityStart).Count(r => r.TryGetProperty(RecordFields.ModelNotes, out var _)).ShouldBe(0, "per-call records stay as small as before");
    }

    [Fact]
    public void The_merged_document_puts_each_description_and_unit_beside_what_it_describes()
    {
        using (_fixture.Start())
        {
            CalibrateOnce();
        }

        var document = MergedDocument();

        var activity = document.Activities.Values.ShouldHaveSingleItem();
        activity.Get("provcap:description").ShouldBe("makes a calibration file from a pedestal file");
        activity.Get("provcap:gain_unit").ShouldBe("adu");
        activity.Get("provcap:run_description").ShouldBe("run number");
        activity.Attributes.ContainsKey("provcap:run_unit").ShouldBeFalse("the model gives run no unit");
        activity.Get("provcap:used_pedestal_description").ShouldBe("the pedestal run the calibration starts from");
        activity.Get("provcap:generated_calibration_description").ShouldBe("the calibration coefficients");
        document.Entities.Values.Single(e => e.Get("prov:label") == "PedestalFile").Get("provcap:description").ShouldBe("DRS4 pedestal run (FITS)");
        document.Entities.Values.Single(e => e.Get("prov:label") == "ConfigFile").Attributes.ContainsKey("provcap:description").ShouldBeFalse();
        var agent = document.Agents["agent:tester"];
        agent.Get("provcap:email").ShouldBe("tests@example.org");
        agent.Get("provcap:description").ShouldBe("the test suite");
        agent.Attributes["prov:type"].ShouldHaveSingleItem().ShouldBe(ProvLiteral.QName("prov:SoftwareAgent"));
        document.Agents.Values.ShouldAllBe(a => !a.Attributes.Keys.Any(k => k.StartsWith("provcap:model_notes", StringComparison.Ordinal)), "the notes are not flattened onto the session agent");
    }

    [Fact]
    public void A_person_or_organisation_agent_is_typed_as_prov_says()
    {
        var yaml = File.ReadAllText(CaptureFixture.ModelPath).Replace("    type: SoftwareAgent\n", "    type: person\n", StringComparison.Ordinal);
        var model = _fixture.File("person.yaml", yaml);
        using (_fixture.Start(o => o.ModelPath = model))
        {
            CalibrateOnce();
        }

        MergedDocument().Agents["agent:tester"].Attributes["prov:type"].ShouldHaveSingleItem().ShouldBe(ProvLiteral.QName("prov:Person"));
    }

    [Fact]
    public void A_model_given_to_the_merge_describes_logs_that_carry_no_notes()
    {
        // Logs of another tool (lstosa) or of an older capture hold no model_notes: the merge's model supplies them.
        var bare = File.ReadAllText(CaptureFixture.ModelPath).Replace("    description: makes a calibration file from a pedestal file\n", string.Empty, StringComparison.Ordinal);
        var model = _fixture.File("bare.yaml", bare);
        using (_fixture.Start(o => o.ModelPath = model))
        {
            CalibrateOnce();
        }

        MergedDocument().Activities.Values.Single().Attributes.ContainsKey("provcap:description").ShouldBeFalse();
        var described = MergedDocument(new MergeOptions { Model = ProvenanceModel.Load(CaptureFixture.ModelPath) });
        described.Activities.Values.Single().Get("provcap:description").ShouldBe("makes a calibration file from a pedestal file");
    }

    [Fact]
    public void Notes_read_back_from_a_record_equal_those_written_and_ignore_parts_of_another_shape()
    {
        var notes = ModelNotes.Of(ProvenanceModel.Load(CaptureFixture.ModelPath));
        var json = JsonSerializer.Serialize(notes.ToRecordValue());
        using var parsed = JsonDocument.Parse(json);
        var back = ModelNotes.FromRecordValue(Plain(parsed.RootElement));

        JsonSerializer.Serialize(back.ToRecordValue()).ShouldBe(json);
        var hostile = new Dictionary<string, object?> { ["activities"] = new Dictionary<string, object?> { ["x"] = 3L, ["y"] = new Dictionary<string, object?> { ["parameters"] = "no" } }, ["agents"] = new List<object?>() };
        ModelNotes.FromRecordValue(hostile).IsEmpty.ShouldBeTrue();
        ModelNotes.FromRecordValue("text").IsEmpty.ShouldBeTrue();
    }
}
