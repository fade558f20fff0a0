namespace Provenance.Capture.Packaging.Tests.Architecture;

/// <summary>Dependencies between the folders of each library run one way (../shared/DESIGN.md).</summary>
public sealed class FolderDependencyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-folders-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("Provenance.Capture")]
    [InlineData("Provenance.Capture.Vocabulary")]
    [InlineData("Provenance.Capture.Weaving")]
    [InlineData("Provenance.Capture.Prov")]
    [InlineData("Provenance.Capture.Store")]
    [InlineData("Provenance.Capture.Cli")]
    public void The_folders_of_a_library_have_no_cycle(string project)
    {
        var graph = FolderGraph.Of(Path.Combine(PackedPackages.RepositoryRoot(), "src", project), project);

        graph.Nodes.Count.ShouldBeGreaterThan(1, "the sources were read");
        var cycle = graph.FindCycle();
        cycle.ShouldBeNull($"{project}: {string.Join(" -> ", cycle ?? [])}\nall edges:\n{graph}");
    }

    [Fact]
    public void A_cycle_through_a_root_file_is_found()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "Runtime"));
        File.WriteAllText(Path.Combine(_directory, "Entry.cs"), "namespace P; public static class Entry { public static int Go() => P.Runtime.Engine.Run(); public const int Version = 1; }");
        File.WriteAllText(Path.Combine(_directory, "Runtime", "Engine.cs"), "namespace P.Runtime; public static class Engine { public static int Run() => Entry.Version; }");

        var graph = FolderGraph.Of(_directory, "P");

        graph.FindCycle().ShouldBe(["Entry.cs", "Runtime/", "Entry.cs"]);
    }

    [Fact]
    public void Folders_used_one_way_have_no_cycle()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "Runtime"));
        Directory.CreateDirectory(Path.Combine(_directory, "Model"));
        File.WriteAllText(Path.Combine(_directory, "Runtime", "Engine.cs"), "namespace P.Runtime; public static class Engine { public static int Run() => P.Model.Limits.Max; }");
        File.WriteAllText(Path.Combine(_directory, "Model", "Limits.cs"), "namespace P.Model; public static class Limits { public const int Max = 3; }");

        var graph = FolderGraph.Of(_directory, "P");

        graph.Edges["Runtime/"].ShouldBe(["Model/"]);
        graph.FindCycle().ShouldBeNull();
    }
}
