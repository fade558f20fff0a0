using System.Security.Cryptography;
using System.Text;
using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Readers;

namespace Provenance.Capture.Prov.Tests;

/// <summary>
/// The ctapipe provenance reader on files as ctapipe writes them (each tool run appends its JSON array of
/// activities) and on the shapes it must pass over or refuse: every attribute and relation read back.
/// </summary>
public sealed class CtapipeReaderTests : IDisposable
{
    // ctapipe-process writes a DL1 file (flat reference metadata); ctapipe-apply-models reads it (nested
    // metadata naming its product and maker) and writes DL2. Then a run with what the reader passes over.
    private const string Process = """
        [{"activity_name": "ctapipe-process", "activity_uuid": "aaaa-1", "status": "completed", "exit_code": 0,
          "start": {"time_utc": "2024-03-01T20:00:00.000"}, "stop": {"time_utc": "2024-03-01T20:05:00.250"},
          "system": {"ctapipe_version": "0.20.0", "executable": "/opt/conda/bin/python", "arguments": ["ctapipe-process", "--input", "r0.fits.fz", 3]},
          "input": [{"url": "file:///data/r0/LST-1.1.Run02006.0007.fits.fz", "role": "DL0/Event", "reference_meta": null}],
          "output": [{"url": "file:///data/dl1/dl1_Run02006.0007.h5", "role": "DL1/Event",
                      "reference_meta": {"CTA PRODUCT ID": "prod-dl1-7", "CTA ACTIVITY ID": "aaaa-1", "CTA PRODUCT DATA LEVELS": "DL1_IMAGES"}}]}]
        """;

    private const string Apply = """
        /* a second tool run, appended to the same file */
        [{"activity_name": "ctapipe-apply-models", "activity_uuid": "bbbb-2", "status": "error", "exit_code": "1",
          "start": {"time_utc": "2024-03-01T23:00:00+02:00"},
          "system": {"ctapipe_version": "0.20.0", "arguments": "not a list"},
          "input": [{"url": "/data/dl1/dl1_Run02006.0007.h5", "role": "DL1/Event", "reference_meta": {"product": {"id": "prod-dl1-7"}, "activity": {"id": "aaaa-1"}}},
                    {"url": "/data/models/model.pkl", "reference_meta": {"CTA PRODUCT ID": 42, "CTA ACTIVITY ID": "bbbb-2"}},
                    {"url": "/data/calibration/cal.h5", "reference_meta": {"product": {"id": 43}, "CTA ACTIVITY ID": "cccc-0"}},
                    "not a file", {"role": "no url"}, {"url": 7}],
          "output": [{"url": "/data/dl2/dl2_Run02006.0007.h5", "role": "DL2/Event",
                      "reference_meta": {"CTA PRODUCT ID": ["not", "a", "text"], "product": {"id": "prod-dl2-7", "data_levels": "DL2"}, "activity": "flat"}}]},
         42,
         {"status": "running", "system": "none", "input": {"url": "/not/a/list"}, "start": {"time_utc": "yesterday"}, "stop": "now"}]
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-ctapipe-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Two_tool_runs_in_one_file_become_their_activities_files_and_relations()
    {
        var document = CtapipeProvenanceReader.Read(Write(Process + "\n" + Apply));

        document.Activities.Keys.Count(k => k.StartsWith("act:", StringComparison.Ordinal)).ShouldBe(3);
        var process = document.Activities["act:aaaa-1"];
        process.Get("prov:label").ShouldBe("ctapipe-process");
        process.Attributes["prov:type"].ShouldBe([ProvLiteral.QName("provcap:ctapipe-process")]);
        process.StartTime.ShouldBe(new DateTimeOffset(2024, 3, 1, 20, 0, 0, TimeSpan.Zero));
        process.EndTime.ShouldBe(new DateTimeOffset(2024, 3, 1, 20, 5, 0, 250, TimeSpan.Zero));
        process.Get("provcap:status").ShouldBe("completed");
        process.Get("provcap:activity_uuid").ShouldBe("aaaa-1");
        process.Attributes["provcap:exit_code"].ShouldBe([new ProvLiteral("0", "xsd:int")]);
        process.Get("provcap:ctapipe_version").ShouldBe("0.20.0");
        process.Get("provcap:executable").ShouldBe("/opt/conda/bin/python");
        process.Get("provcap:command_line").ShouldBe("ctapipe-process --input r0.fits.fz 3");

        // A file without a product id is named by the MD5 of its path, as lstosa names it; file:// is not part of the path.
        var r0Id = "ent:" + Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes("/data/r0/LST-1.1.Run02006.0007.fits.fz")));
        var r0 = document.Entities[r0Id];
        r0.Get("prov:label").ShouldBe("LST-1.1.Run02006.0007.fits.fz");
        r0.Attributes["prov:type"].ShouldBe([ProvLiteral.QName("provcap:File")]);
        r0.Get("prov:location").ShouldBe("/data/r0/LST-1.1.Run02006.0007.fits.fz");
        r0.Attributes.Keys.ShouldNotContain("provcap:product_id");
        r0.Attributes.Keys.ShouldNotContain("provcap:data_level");

        // Named by its product id in both runs, flat and nested metadata alike.
        var dl1 = document.Entities["ent:prod-dl1-7"];
        dl1.Get("prov:location").ShouldBe("/data/dl1/dl1_Run02006.0007.h5");
        dl1.Get("prov:label").ShouldBe("dl1_Run02006.0007.h5");
        dl1.Get("provcap:product_id").ShouldBe("prod-dl1-7");
        dl1.Get("provcap:data_level").ShouldBe("DL1_IMAGES");

        var dl2 = document.Entities["ent:prod-dl2-7"];
        dl2.Get("provcap:product_id").ShouldBe("prod-dl2-7", "a flat value that is no text gives way to the nested one");
        dl2.Get("provcap:data_level").ShouldBe("DL2");
        document.Entities["ent:42"].Get("provcap:product_id").ShouldBe("42", "a number is a product id too");
        document.Entities["ent:43"].Get("provcap:product_id").ShouldBe("43", "nested too");
        document.Entities.Count.ShouldBe(5, "the R0, DL1, model, calibration and DL2 files: no entry without a url");

        var apply = document.Activities["act:bbbb-2"];
        apply.Get("provcap:status").ShouldBe("error");
        apply.Attributes.Keys.ShouldNotContain("provcap:exit_code", "an exit code that is no number is not one");
        apply.Attributes.Keys.ShouldNotContain("provcap:executable");
        apply.Attributes.Keys.ShouldNotContain("provcap:command_line", "arguments that are no list");
        apply.Get("provcap:ctapipe_version").ShouldBe("0.20.0");
        apply.StartTime.ShouldBe(new DateTimeOffset(2024, 3, 1, 21, 0, 0, TimeSpan.Zero));
        apply.StartTime!.Value.Offset.ShouldBe(TimeSpan.Zero, "times are kept in UTC whatever offset they were given with");
        apply.EndTime.ShouldBeNull();

        var relations = document.Relations.Select(r => (r.Kind, r.Subject, r.Object, r.Role, r.Time)).ToList();
        relations.ShouldBe(
            [
                (ProvRelationKind.Used, "act:aaaa-1", r0Id, "DL0/Event", null),
                (ProvRelationKind.WasGeneratedBy, "ent:prod-dl1-7", "act:aaaa-1", "DL1/Event", process.EndTime),
                (ProvRelationKind.Used, "act:bbbb-2", "ent:prod-dl1-7", "DL1/Event", null),
                (ProvRelationKind.Used, "act:bbbb-2", "ent:42", null, null),
                (ProvRelationKind.Used, "act:bbbb-2", "ent:43", null, null),
                (ProvRelationKind.WasGeneratedBy, "ent:43", "act:cccc-0", null, null),
                (ProvRelationKind.WasGeneratedBy, "ent:prod-dl2-7", "act:bbbb-2", "DL2/Event", null),
            ],
            ignoreOrder: true);
    }

    [Fact]
    public void An_activity_without_its_name_or_uuid_is_still_one_with_what_it_has()
    {
        var document = CtapipeProvenanceReader.Read(Write(Apply));

        var unnamed = document.Activities.Values.Single(a => a.Id != "act:bbbb-2");
        var uuid = unnamed.Get("provcap:activity_uuid");
        Guid.TryParse(uuid, out _).ShouldBeTrue("an activity without a uuid is given a new one");
        unnamed.Id.ShouldBe("act:" + uuid);
        unnamed.Attributes.Keys.ShouldNotContain("prov:label");
        unnamed.Attributes["prov:type"].ShouldBe([ProvLiteral.QName("provcap:activity")]);
        unnamed.Get("provcap:status").ShouldBe("running");
        unnamed.StartTime.ShouldBeNull("a time that is no time");
        unnamed.EndTime.ShouldBeNull("a stop that is no object");
        unnamed.Attributes.Keys.ShouldNotContain("provcap:ctapipe_version", "a system that is no object");
        document.Relations.ShouldNotContain(r => r.Subject == unnamed.Id || r.Object == unnamed.Id, "an input that is no list");

        // Its own output named as made by itself adds no second wasGeneratedBy: the model file names bbbb-2.
        document.Relations.Count(r => r.Kind == ProvRelationKind.WasGeneratedBy && r.Subject == "ent:42").ShouldBe(0);
        document.Relations.Count(r => r.Kind == ProvRelationKind.WasGeneratedBy && r.Subject == "ent:prod-dl1-7" && r.Object == "act:aaaa-1").ShouldBe(1);
    }

    [Theory]
    [InlineData("{\"activity_name\": \"x\"}", ": expected a JSON array of ctapipe activities, found Object")]
    [InlineData("[{\"activity_name\": \"x\"}]\n\"text\"", ": expected a JSON array of ctapipe activities, found String")]
    [InlineData("[{\"activity_name\": \"x\"}]\n[{\"activity_name\":\n  \"y\" \"z\"}]", ":3: not a ctapipe provenance file: ")]
    [InlineData("[{\"activity_name\": \"x\"},\n", ":2: not a ctapipe provenance file: ")]
    public void A_file_that_is_not_ctapipe_provenance_is_refused_naming_it_and_its_line(string text, string expected)
    {
        var path = Write(text);

        var error = Should.Throw<InvalidDataException>(() => CtapipeProvenanceReader.Read(path));

        error.Message.ShouldStartWith(path + expected);
    }

    private string Write(string text)
    {
        var path = Path.Combine(_directory, $"run{Directory.GetFiles(_directory).Length}.provenance.log");
        File.WriteAllText(path, text);
        return path;
    }
}
