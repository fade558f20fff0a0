using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Merge;
using Provenance.Capture.Prov.Writers;
using PublicApiGenerator;

namespace Provenance.Capture.Prov.Tests;

public sealed class ApprovedOutputTests
{
    /// <summary>A small document with every element and relation kind, fixed times and ids.</summary>
    internal static ProvDocument Example()
    {
        var document = new ProvDocument();
        var start = new DateTimeOffset(2020, 11, 20, 22, 10, 1, 186, TimeSpan.Zero);
        var r0 = document.Element(ProvElementKind.Entity, "ent:R0Collection_run1618")
            .Set("prov:label", ProvLiteral.String("R0Collection"))
            .Set("prov:type", ProvLiteral.QName("prov:Collection"))
            .Set("prov:location", ProvLiteral.String("/fefs/aswg/data/real/R0/20201120"))
            .Set("provcap:member_count", new ProvLiteral("120", "xsd:int"));
        var member = document.Element(ProvElementKind.Entity, "ent:e3f9cf81f0e018cc3565103581f04501")
            .Set("prov:label", ProvLiteral.String("R0SubrunDataset"))
            .Set("prov:type", ProvLiteral.QName("provcap:File"))
            .Set("prov:location", ProvLiteral.String("C:\\data\\LST-1.1.Run01618.0000.fits.fz"));
        var dl1 = document.Element(ProvElementKind.Entity, "ent:DL1Collection_run1618")
            .Set("prov:label", ProvLiteral.String("DL1Collection"))
            .Set("prov:type", ProvLiteral.QName("prov:Collection"));
        var activity = document.Element(ProvElementKind.Activity, "act:r0_to_dl1_run1618");
        activity.StartTime = start;
        activity.EndTime = start.AddMinutes(42);
        activity.Set("prov:label", ProvLiteral.String("r0_to_dl1"))
            .Set("provcap:run", new ProvLiteral("1618", "xsd:int"))
            .Set("provcap:subrun", new ProvLiteral("0", "xsd:int"))
            .Set("provcap:calls", new ProvLiteral("120", "xsd:int"))
            .Add("provcap:status", ProvLiteral.String("succeeded"))
            .Add("provcap:status", ProvLiteral.String("failed"))
            .Set("provcap:comment", ProvLiteral.String("quote \" and backslash \\"));
        var parent = document.Element(ProvElementKind.Activity, "act:sequencer_run1618").Set("prov:label", ProvLiteral.String("sequencer"));
        parent.StartTime = start.AddMinutes(-1);
        document.Element(ProvElementKind.Activity, "act:datacheck_1618_3")
            .Set("prov:label", ProvLiteral.String("dl1_datacheck"))
            .Set("provcap:run", new ProvLiteral("1618", "xsd:int"))
            .Set("provcap:subrun", new ProvLiteral("3", "xsd:int"))
            .Add("provcap:status", ProvLiteral.String("succeeded"));
        document.Element(ProvElementKind.Activity, "act:merge_dl2_1618")
            .Set("prov:label", ProvLiteral.String("merge_dl2"))
            .Add("provcap:status", ProvLiteral.String("incomplete"));
        var agent = document.Element(ProvElementKind.Agent, "agent:lst_onsite_sequencer").Set("prov:type", ProvLiteral.QName("prov:SoftwareAgent"));
        var session = document.Element(ProvElementKind.Agent, "agent:session_1").Set("prov:type", ProvLiteral.QName("prov:SoftwareAgent")).Set("provcap:cpu_count", new ProvLiteral("2", "xsd:int"));
        document.Add(new ProvRelation(ProvRelationKind.Used, activity.Id, r0.Id) { Role = "R0 subrun" });
        document.Add(new ProvRelation(ProvRelationKind.WasGeneratedBy, dl1.Id, activity.Id) { Role = "DL1 subrun", Time = activity.EndTime });
        document.Add(new ProvRelation(ProvRelationKind.WasDerivedFrom, dl1.Id, r0.Id));
        document.Add(new ProvRelation(ProvRelationKind.WasInformedBy, activity.Id, parent.Id));
        document.Add(new ProvRelation(ProvRelationKind.WasAssociatedWith, activity.Id, agent.Id));
        document.Add(new ProvRelation(ProvRelationKind.WasAssociatedWith, activity.Id, session.Id));
        document.Add(new ProvRelation(ProvRelationKind.ActedOnBehalfOf, session.Id, agent.Id));
        document.Add(new ProvRelation(ProvRelationKind.WasAttributedTo, dl1.Id, agent.Id));
        document.Add(new ProvRelation(ProvRelationKind.HadMember, r0.Id, member.Id));
        return document;
    }

    [Fact]
    public void Prov_json_writer_output_is_approved()
        => ProvJsonWriter.ToJson(Example()).ShouldMatchApproved(c => c.SubFolder("Approved").WithFileExtension("json").NoDiff());

    [Fact]
    public void Prov_n_writer_output_is_approved()
        => ProvNWriter.ToProvN(Example()).ShouldMatchApproved(c => c.SubFolder("Approved").WithFileExtension("provn").NoDiff());

    [Fact]
    public void Dot_writer_output_is_approved()
        => DotWriter.ToDot(Example()).ShouldMatchApproved(c => c.SubFolder("Approved").WithFileExtension("dot").NoDiff());

    [Fact]
    public void Dot_with_links_sends_each_element_to_its_address_and_leaves_the_rest_as_approved()
    {
        var linked = DotWriter.ToDot(Example(), e => e.Kind == ProvElementKind.Activity ? "/activity?id=" + e.Id : null);

        linked.ShouldContain("tooltip=\"act:r0_to_dl1_run1618\", URL=\"/activity?id=act:r0_to_dl1_run1618\", target=\"_top\"];");
        linked.Split('\n').Count(line => line.Contains("URL=", StringComparison.Ordinal)).ShouldBe(4, "the four activities");
        System.Text.RegularExpressions.Regex.Replace(linked, ", URL=\"[^\"]*\", target=\"_top\"", string.Empty).ShouldBe(DotWriter.ToDot(Example()));
        DotWriter.ToDot(Example(), _ => null).ShouldBe(DotWriter.ToDot(Example()));
    }

    [Theory]
    [InlineData("example.json")]
    [InlineData("example.provn")]
    [InlineData("example.PN")]
    [InlineData("example.dot")]
    [InlineData("example.gv")]
    public void A_document_written_in_the_format_its_extension_names_counts_what_it_wrote(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), Path.GetRandomFileName() + "-" + name);
        try
        {
            ProvOutput.Write(Example(), path).ShouldBe(new ProvCounts(3, 4, 2, 9));
            var text = File.ReadAllText(path);
            text.ShouldStartWith(ProvOutput.FormatOf(path) switch
            {
                ProvFormat.Json => "{",
                ProvFormat.ProvN => "document",
                _ => "digraph provenance {",
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    // A night written by hand with every feature a merge turns into PROV: three sessions (a model's notes, a
    // block of values they share, one that differs), a parent call, parameters of several values (numeric and
    // text, one named like a record field, a nested one), collections over two runs, derivations, two failures,
    // an incomplete call, a warning, a file used in two runs (a member of both runs' collections).
    private static readonly string EveryFeatureLog = Path.Combine(AppContext.BaseDirectory, "Logs", "every-feature.log");

    [Theory]
    [InlineData(Granularity.Subrun, false)]
    [InlineData(Granularity.Run, false)]
    [InlineData(Granularity.Run, true)]
    [InlineData(Granularity.Night, false)]
    public void A_merge_of_a_night_with_every_feature_is_approved(Granularity granularity, bool members)
    {
        var merged = ProvenanceMerger.Merge([EveryFeatureLog], new MergeOptions { Granularity = granularity, IncludeMembers = members });
        merged.Problems.ShouldBeEmpty();
        var json = ProvJsonWriter.ToJson(merged.Graph);
        json.ShouldBe(ProvJsonWriter.ToJson(new ElementsOnly(merged.Graph)), "written from its sections and from its elements");
        Provenance.Capture.Prov.Validation.ProvValidator.Validate(json).ShouldBeEmpty();
        json.ShouldMatchApproved(c => c.SubFolder("Approved").WithDiscriminator(granularity + (members ? "-members" : string.Empty)).WithFileExtension("json").NoDiff());
    }

    [Fact]
    public void A_merge_written_as_prov_n_at_run_granularity_is_approved()
    {
        var merged = ProvenanceMerger.Merge([EveryFeatureLog], new MergeOptions { Granularity = Granularity.Run });
        var path = Path.Combine(Path.GetTempPath(), Path.GetRandomFileName() + ".provn");
        try
        {
            // Written to a file, as provcap does: from the merge's parts, in parallel.
            ProvNWriter.Write(merged.Graph, path);
            var text = File.ReadAllText(path);
            text.ShouldBe(ProvNWriter.ToProvN(new ElementsOnly(merged.Graph)));
            text.ShouldMatchApproved(c => c.SubFolder("Approved").WithFileExtension("provn").NoDiff());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Approved_example_is_valid_prov_json()
        => Provenance.Capture.Prov.Validation.ProvValidator.Validate(ProvJsonWriter.ToJson(Example())).ShouldBeEmpty();

    [Fact]
    public void Public_api_of_Provenance_Capture_Prov_is_approved()
        => typeof(ProvenanceMerger).Assembly.GeneratePublicApi(new ApiGeneratorOptions { ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"] })
            .ShouldMatchApproved(c => c.SubFolder("Approved").WithFileExtension("txt").NoDiff());
}
