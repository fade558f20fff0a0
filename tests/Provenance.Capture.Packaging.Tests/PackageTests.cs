using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Provenance.Capture.Packaging.Tests;

/// <summary>The packages as a consumer gets them: packed once from the solution into the local feed.</summary>
public sealed partial class PackageTests(PackedPackages packed) : IClassFixture<PackedPackages>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-pack-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Packed_package_works_for_a_project_that_references_only_the_package()
    {
        // A private package folder: the machine-wide cache may hold an older build of the same version.
        var packages = Path.Combine(_directory, "packages");
        var output = Path.Combine(_directory, "run");
        Dotnet.Run(packed.Root, "run", "--project", "samples/PackageConsumer", $"-p:RestorePackagesPath={packages}", "--", output);

        var records = File.ReadAllLines(Path.Combine(output, "prov.log")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var start = records.Single(r => r.GetProperty("prov_kind").GetString() == "activity_start");
        start.GetProperty("name").GetString().ShouldBe("double_file");
        var end = records.Single(r => r.GetProperty("prov_kind").GetString() == "activity_end");
        end.GetProperty("activity_id").GetString().ShouldBe(start.GetProperty("activity_id").GetString());
        end.GetProperty("generated").GetArrayLength().ShouldBe(1);
        Directory.GetDirectories(Path.Combine(packages, "provenance.capture")).ShouldNotBeEmpty("the consumer restored the packed package");
    }

    [Fact]
    public void The_provcap_tool_ships_neither_the_weaver_nor_Serilog_nor_the_capture_runtime()
    {
        using var tool = ZipFile.OpenRead(packed.Package("Provenance.Capture.Cli"));
        var files = tool.Entries.Where(e => e.FullName.StartsWith("tools/", StringComparison.Ordinal)).Select(e => Path.GetFileName(e.FullName)).ToList();

        files.ShouldContain("provcap.dll");
        files.ShouldContain("Provenance.Capture.Prov.dll");
        files.ShouldContain("Provenance.Capture.Vocabulary.dll");
        files.ShouldNotContain(f => f.StartsWith("AspectInjector", StringComparison.OrdinalIgnoreCase), "the weaver");
        files.ShouldNotContain(f => f.StartsWith("Serilog", StringComparison.OrdinalIgnoreCase), "Serilog");
        files.ShouldNotContain("Provenance.Capture.dll", "the capture runtime");
        files.ShouldNotContain("Provenance.Capture.Weaving.dll", "the woven advice");
    }

    [Fact]
    public void The_post_processor_depends_on_the_vocabulary_and_not_on_capture()
    {
        var closure = packed.DependencyClosure("Provenance.Capture.Prov");

        closure.ShouldContain("Provenance.Capture.Vocabulary");
        closure.ShouldContain("YamlDotNet");
        closure.ShouldNotContain("Provenance.Capture");
        closure.ShouldNotContain("Provenance.Capture.Weaving");
        closure.ShouldNotContain(id => id.StartsWith("AspectInjector", StringComparison.OrdinalIgnoreCase) || id.StartsWith("Serilog", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_capture_package_brings_the_vocabulary_and_the_weaver()
    {
        var closure = packed.DependencyClosure("Provenance.Capture");

        closure.ShouldContain("Provenance.Capture.Vocabulary");
        closure.ShouldContain("Provenance.Capture.Weaving");
        closure.ShouldContain("AspectInjector");
        closure.ShouldContain("Serilog");
    }

    [Fact]
    public void The_readme_snippet_compiles_as_written_against_the_packed_package()
    {
        var readme = File.ReadAllText(Path.Combine(packed.Root, "README.md"));
        var section = readme[readme.IndexOf("## Using the library", StringComparison.Ordinal)..];
        var snippet = CSharpBlock().Match(section);
        snippet.Success.ShouldBeTrue("the README's 'Using the library' section has a ```csharp block");
        snippet.Groups[1].Value.ShouldStartWith("using Provenance.Capture;");

        var project = Directory.CreateDirectory(Path.Combine(_directory, "readme")).FullName;
        File.WriteAllText(Path.Combine(project, "Program.cs"), snippet.Groups[1].Value);
        File.WriteAllText(Path.Combine(project, "Readme.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Provenance.Capture" Version="{PackedPackages.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="packed" value="{packed.Feed}" />
              </packageSources>
            </configuration>
            """);

        Dotnet.Run(project, "build", $"-p:RestorePackagesPath={Path.Combine(_directory, "packages")}");
        File.Exists(Path.Combine(project, "bin", "Debug", "net10.0", "Readme.dll")).ShouldBeTrue();
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
