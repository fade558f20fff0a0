using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Merge;

namespace Provenance.Capture.Prov.Tests;

/// <summary>A job whose calibration step calls a nested check that fails: what the merge keeps of it, at every granularity.</summary>
public sealed class NestedAndFailedActivityTests : IDisposable
{
    private const string Session = "0193f0a0-0000-7000-8000-000000000001";
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-nested-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // Lines as capture writes them (README, "Record format"): the nested check names its parent and fails.
    private string Log()
    {
        var path = Path.Combine(_directory, "job.log");
        File.WriteAllLines(path,
        [
            $$"""{"@t":"2020-11-20T21:00:00.0000000Z","@mt":"PROV {prov_kind}","prov_kind":"session","prov_schema":1,"session_id":"{{Session}}","session_tag":"LST1-20201120","name":"job","startTime":"2020-11-20T21:00:00.0000000+00:00"}""",
            $$"""{"@t":"2020-11-20T21:00:01.0000000Z","@mt":"PROV {prov_kind}","prov_kind":"activity_start","prov_schema":1,"activity_id":"{{Session}}-000001","name":"calibrate_charge","startTime":"2020-11-20T21:00:01.0000000+00:00","in_session":"{{Session}}","run":1605}""",
            $$"""{"@t":"2020-11-20T21:00:02.0000000Z","@mt":"PROV {prov_kind}","prov_kind":"activity_start","prov_schema":1,"activity_id":"{{Session}}-000002","name":"check_pedestal","startTime":"2020-11-20T21:00:02.0000000+00:00","in_session":"{{Session}}","parent_activity_id":"{{Session}}-000001","run":1605}""",
            $$"""{"@t":"2020-11-20T21:00:03.0000000Z","@mt":"PROV {prov_kind}","prov_kind":"activity_end","prov_schema":1,"activity_id":"{{Session}}-000002","endTime":"2020-11-20T21:00:03.0000000+00:00","status":"failed","exception_type":"System.IO.InvalidDataException","exception_message":"corrupt header in pedestal.fits"}""",
            $$"""{"@t":"2020-11-20T21:00:04.0000000Z","@mt":"PROV {prov_kind}","prov_kind":"activity_end","prov_schema":1,"activity_id":"{{Session}}-000001","endTime":"2020-11-20T21:00:04.0000000+00:00","status":"succeeded"}""",
        ]);
        return path;
    }

    [Theory]
    [InlineData(Granularity.Subrun)]
    [InlineData(Granularity.Run)]
    [InlineData(Granularity.Night)]
    public void The_nested_activity_was_informed_by_its_parent_and_keeps_its_failure(Granularity granularity)
    {
        var document = ProvenanceMerger.Merge([Log()], new MergeOptions { Granularity = granularity }).Document;

        var calibrate = document.Activities.Values.Single(a => a.Get("prov:label") == "calibrate_charge");
        var check = document.Activities.Values.Single(a => a.Get("prov:label") == "check_pedestal");
        var informed = document.RelationsOf(ProvRelationKind.WasInformedBy).ShouldHaveSingleItem();
        informed.Subject.ShouldBe(check.Id);
        informed.Object.ShouldBe(calibrate.Id);

        check.Attributes["provcap:status"].Select(l => l.Text).ShouldBe(["failed"]);
        check.Attributes["provcap:failure"].Select(l => l.Text).ShouldBe(["System.IO.InvalidDataException: corrupt header in pedestal.fits"]);
        calibrate.Attributes["provcap:status"].Select(l => l.Text).ShouldBe(["succeeded"]);
        calibrate.Attributes.ContainsKey("provcap:failure").ShouldBeFalse();
    }

    [Fact]
    public void Times_filter_by_start_from_inclusive_to_exclusive()
    {
        var log = Log();
        DateTimeOffset At(int second) => new(2020, 11, 20, 21, 0, second, TimeSpan.Zero);
        string[] Labels(MergeOptions options) => [.. ProvenanceMerger.Merge([log], options).Document.Activities.Values.Select(a => a.Get("prov:label")!).Order()];

        Labels(new MergeOptions { To = At(2) }).ShouldBe(["calibrate_charge"]);
        Labels(new MergeOptions { From = At(2) }).ShouldBe(["check_pedestal"]);
        Labels(new MergeOptions { From = At(1), To = At(3) }).ShouldBe(["calibrate_charge", "check_pedestal"]);
        Labels(new MergeOptions { From = At(3) }).ShouldBeEmpty();
    }
}
