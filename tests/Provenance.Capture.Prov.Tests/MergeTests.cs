using System.Globalization;
using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Merge;

namespace Provenance.Capture.Prov.Tests;

public sealed class MergeTests(NightFixture night) : IClassFixture<NightFixture>
{
    private static readonly string[] PerSubrunActivities = ["r0_to_dl1", "muon_analysis", "dl1ab", "dl1_datacheck", "dl1_to_dl2"];

    private MergeResult Merge(Granularity granularity, Action<MergeOptions>? configure = null, bool dryRun = false)
    {
        var options = new MergeOptions { Granularity = granularity };
        configure?.Invoke(options);
        return ProvenanceMerger.Merge([(dryRun ? night.DryRun : night.Real).LogPath], options);
    }

    private static IEnumerable<ProvRelation> Of(ProvDocument document, ProvRelationKind kind) => document.RelationsOf(kind);

    [Theory]
    [InlineData(Granularity.Subrun)]
    [InlineData(Granularity.Run)]
    public void A_double_parameter_with_an_integral_value_stays_a_double_in_prov(Granularity granularity)
    {
        // The night's picture threshold is the double 8.0, which CLEF writes as 8.
        var dl1ab = Merge(granularity).Document.Activities.Values.First(a => a.Get("prov:label") == "dl1ab");

        dl1ab.Attributes["provcap:picture_threshold"].ShouldHaveSingleItem().ShouldBe(new ProvLiteral("8", "xsd:double"));
        dl1ab.Attributes["provcap:subrun"].ShouldAllBe(l => l.Type == "xsd:int");
    }

    [Fact]
    public void Subrun_granularity_keeps_every_call()
    {
        var result = Merge(Granularity.Subrun);
        result.Problems.ShouldBeEmpty();
        result.IncompleteActivities.ShouldBe(0);
        var document = result.Document;
        var subruns = NightFixture.Runs.Length * NightFixture.SubrunsPerRun;
        document.Activities.Count.ShouldBe(2 + (subruns * PerSubrunActivities.Length) + NightFixture.Runs.Length);
        document.Activities.Values.Count(a => a.Get("prov:label") == "r0_to_dl1").ShouldBe(subruns);
        document.Entities.Values.Count(e => e.Get("prov:label") == "DL1SubrunDataset").ShouldBe(subruns);
    }

    [Fact]
    public void Every_generated_entity_links_to_the_activity_that_generated_it()
    {
        var document = Merge(Granularity.Subrun).Document;
        var generatedBy = Of(document, ProvRelationKind.WasGeneratedBy).ToList();
        generatedBy.ShouldAllBe(g => document.Entities.ContainsKey(g.Subject) && document.Activities.ContainsKey(g.Object));
        foreach (var label in new[] { "DL1SubrunDataset", "MuonsSubrunDataset", "DL2SubrunDataset", "DL2RunDataset", "PedestalFile" })
        {
            foreach (var entity in document.Entities.Values.Where(e => e.Get("prov:label") == label))
            {
                generatedBy.Count(g => g.Subject == entity.Id).ShouldBe(1, $"{label} {entity.Id}");
            }
        }

        var dl1 = document.Entities.Values.First(e => e.Get("prov:label") == "DL1SubrunDataset");
        var producer = document.Activities[generatedBy.Single(g => g.Subject == dl1.Id).Object];
        producer.Get("prov:label").ShouldBe("r0_to_dl1");
    }

    [Fact]
    public void Derivations_survive_the_merge()
    {
        var document = Merge(Granularity.Subrun).Document;
        var derivations = Of(document, ProvRelationKind.WasDerivedFrom).ToList();
        var dl1 = document.Entities.Values.First(e => e.Get("prov:label") == "DL1SubrunDataset");
        var sources = derivations.Where(d => d.Subject == dl1.Id).Select(d => document.Entities[d.Object].Get("prov:label")).ToList();
        sources.ShouldBe(["CoefficientsCalibrationFile", "R0SubrunDataset"], ignoreOrder: true);
    }

    [Fact]
    public void Run_granularity_has_one_activity_per_name_and_collections_with_member_counts()
    {
        var document = Merge(Granularity.Run, o => o.Runs.Add("01618")).Document;
        document.Activities.Values.Select(a => a.Get("prov:label")).ShouldBe([.. PerSubrunActivities, "merge_dl2"], ignoreOrder: true);
        var r0ToDl1 = document.Activities.Values.Single(a => a.Get("prov:label") == "r0_to_dl1");
        r0ToDl1.Get("provcap:calls").ShouldBe(NightFixture.SubrunsPerRun.ToString(CultureInfo.InvariantCulture));
        r0ToDl1.Attributes["provcap:subrun"].Count.ShouldBe(NightFixture.SubrunsPerRun, "differing parameters are listed");
        r0ToDl1.Attributes["provcap:run"].ShouldHaveSingleItem().Text.ShouldBe("1618");

        foreach (var collection in new[] { "R0Collection", "DL1Collection", "DL2Collection", "MuonsCollection" })
        {
            var entity = document.Entities.Values.Single(e => e.Get("prov:label") == collection);
            entity.Id.ShouldBe($"ent:{collection}_run1618");
            entity.Attributes["prov:type"].Single().ShouldBe(ProvLiteral.QName("prov:Collection"));
            entity.Get("provcap:member_count").ShouldBe(NightFixture.SubrunsPerRun.ToString(CultureInfo.InvariantCulture));
            entity.Get("prov:location").ShouldNotBeNull();
        }

        document.Entities.Values.Count(e => e.Get("prov:label") == "PedestalFile").ShouldBe(1, "shared inputs appear once");
        document.Entities.Values.Count(e => e.Get("prov:label") == "AnalysisConfigFile").ShouldBe(1);
        Of(document, ProvRelationKind.HadMember).ShouldBeEmpty();
        var dl1 = document.Entities["ent:DL1Collection_run1618"];
        Of(document, ProvRelationKind.WasGeneratedBy).Single(g => g.Subject == dl1.Id).Object.ShouldBe(r0ToDl1.Id);
        Of(document, ProvRelationKind.WasDerivedFrom).ShouldContain(d => d.Subject == dl1.Id && d.Object == "ent:R0Collection_run1618");
    }

    [Fact]
    public void Run_granularity_without_a_run_filter_keeps_one_activity_per_name_and_run()
    {
        var document = Merge(Granularity.Run).Document;

        foreach (var name in PerSubrunActivities)
        {
            var perRun = document.Activities.Values.Where(a => a.Get("prov:label") == name).ToList();
            perRun.Select(a => a.Attributes["provcap:run"].ShouldHaveSingleItem().Text).ShouldBe(["1618", "1619"], ignoreOrder: true, name);
            perRun.ShouldAllBe(a => a.Get("provcap:calls") == NightFixture.SubrunsPerRun.ToString(CultureInfo.InvariantCulture));
        }

        document.Entities.Keys.ShouldContain("ent:DL1Collection_run1618");
        document.Entities.Keys.ShouldContain("ent:DL1Collection_run1619");
    }

    [Fact]
    public void A_model_given_to_the_merge_decides_which_files_become_which_collections()
    {
        var yaml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "models", "lst-onsite.yaml"))
            .Replace("collection: DL1Collection", "collection: DL1Files", StringComparison.Ordinal)
            .Replace("\n    collection: MuonsCollection", string.Empty, StringComparison.Ordinal);
        var model = Provenance.Capture.Model.ProvenanceModel.Parse(yaml, "edited-model.yaml");

        var document = Merge(Granularity.Run, o =>
        {
            o.Runs.Add("1618");
            o.Model = model;
        }).Document;

        document.Entities["ent:DL1Files_run1618"].Get("provcap:member_count").ShouldBe(NightFixture.SubrunsPerRun.ToString(CultureInfo.InvariantCulture));
        document.Entities.Keys.ShouldNotContain(id => id.StartsWith("ent:DL1Collection", StringComparison.Ordinal));
        document.Entities.Values.Count(e => e.Get("prov:label") == "MuonsSubrunDataset").ShouldBe(NightFixture.SubrunsPerRun);
        document.Entities.Keys.ShouldContain("ent:R0Collection_run1618");
    }

    [Fact]
    public void Run_granularity_with_members_links_each_member_file()
    {
        var document = Merge(Granularity.Run, o =>
        {
            o.Runs.Add("1619");
            o.IncludeMembers = true;
        }).Document;
        var members = Of(document, ProvRelationKind.HadMember).Where(m => m.Subject == "ent:DL1Collection_run1619").ToList();
        members.Count.ShouldBe(NightFixture.SubrunsPerRun);
        members.ShouldAllBe(m => document.Entities[m.Object].Get("prov:label") == "DL1SubrunDataset");
    }

    [Fact]
    public void A_merge_s_document_is_built_once_and_keeps_what_is_added_to_it()
    {
        var result = Merge(Granularity.Run);

        var document = result.Document;
        document.Element(ProvElementKind.Entity, "ent:added_by_the_analyst");

        result.Document.ShouldBeSameAs(document);
        result.Document.Entities.Keys.ShouldContain("ent:added_by_the_analyst");
    }

    [Fact]
    public void Night_granularity_collapses_runs()
    {
        var document = Merge(Granularity.Night).Document;
        document.Activities.Values.Select(a => a.Get("prov:label")).ShouldBe(["drs4_pedestal", "calibrate_charge", .. PerSubrunActivities, "merge_dl2"], ignoreOrder: true);
        var collection = document.Entities.Values.Single(e => e.Get("prov:label") == "DL1Collection");
        collection.Get("provcap:member_count").ShouldBe((NightFixture.Runs.Length * NightFixture.SubrunsPerRun).ToString(CultureInfo.InvariantCulture));
        collection.Id.ShouldBe("ent:DL1Collection", "a collection of the whole night is named by its label alone, without a run");
        document.Activities.Values.Single(a => a.Get("prov:label") == "merge_dl2").Attributes["provcap:run"].Count.ShouldBe(2);
    }

    [Fact]
    public void Filters_select_by_subrun_activity_and_session_tag()
    {
        Merge(Granularity.Subrun, o =>
        {
            o.Runs.Add("1618");
            o.Subruns.Add("0002");
        }).Document.Activities.Count.ShouldBe(PerSubrunActivities.Length);
        Merge(Granularity.Subrun, o => o.Activities.Add("dl1ab")).Document.Activities.Count.ShouldBe(NightFixture.Runs.Length * NightFixture.SubrunsPerRun);
        Merge(Granularity.Subrun, o => o.SessionTags.Add("LST1-2020-11-20-real")).Document.Activities.Count.ShouldBeGreaterThan(0);
        Merge(Granularity.Subrun, o => o.SessionTags.Add("another-night")).Document.Activities.ShouldBeEmpty();
        Merge(Granularity.Subrun, o => o.From = DateTimeOffset.UtcNow.AddDays(1)).Document.Activities.ShouldBeEmpty();
    }

    [Fact]
    public void Sessions_and_agents_are_linked_to_their_activities_with_flat_attributes()
    {
        var document = Merge(Granularity.Run, o => o.Runs.Add("1618")).Document;
        var session = document.Agents.Values.Single(a => a.Id.StartsWith("agent:session_", StringComparison.Ordinal));
        session.Get("provcap:host").ShouldBe(Environment.MachineName);
        session.Attributes.Keys.ShouldContain(k => k.StartsWith("provcap:assemblies_", StringComparison.Ordinal));
        var associations = Of(document, ProvRelationKind.WasAssociatedWith).ToList();
        foreach (var activity in document.Activities.Values)
        {
            associations.ShouldContain(a => a.Subject == activity.Id && a.Object == session.Id);
            associations.ShouldContain(a => a.Subject == activity.Id && a.Object == "agent:lst_onsite_sequencer");
        }
    }

    [Fact]
    public void Dry_run_night_has_the_same_activities_roles_and_locations_as_the_real_night()
    {
        static string[] Shape(ProvDocument document)
        {
            string Describe(string id) => document.Entities.TryGetValue(id, out var e) ? $"{e.Get("prov:label")}@{e.Get("prov:location")}" : id;
            string Name(string id) => document.Activities[id].Get("prov:label") + "/" + document.Activities[id].Get("provcap:run");
            return
            [
                .. document.RelationsOf(ProvRelationKind.Used).Select(u => $"used {Name(u.Subject)} {u.Role} {Describe(u.Object)}"),
                .. document.RelationsOf(ProvRelationKind.WasGeneratedBy).Select(g => $"gen {Name(g.Object)} {g.Role} {Describe(g.Subject)}"),
            ];
        }

        var real = Merge(Granularity.Run, o => o.IncludeMembers = true).Document;
        var dry = Merge(Granularity.Run, o => o.IncludeMembers = true, dryRun: true).Document;
        var realShape = Shape(real).Select(s => s.Replace("/real/", "/X/", StringComparison.Ordinal)).Order().ToList();
        var dryShape = Shape(dry).Select(s => s.Replace("/dry/", "/X/", StringComparison.Ordinal)).Order().ToList();
        dryShape.ShouldBe(realShape);
        dry.Activities.Values.Select(a => a.Get("prov:label")).Order().ShouldBe(real.Activities.Values.Select(a => a.Get("prov:label")).Order());
        dry.Activities.Values.ShouldAllBe(a => a.Get("provcap:status") == "dry_run");
    }
}
