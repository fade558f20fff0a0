using System.Diagnostics;
using System.Text.Json;

namespace Provenance.Capture.Prov.Tests;

public sealed class PackageTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-pack-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Provenance.Capture.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void Packed_package_works_for_a_project_that_references_only_the_package()
    {
        var root = RepositoryRoot();
        var feed = Path.Combine(root, "artifacts", "packages");
        Dotnet(root, "pack", "src/Provenance.Capture/Provenance.Capture.csproj", "-c", "Release", "-o", feed);
        File.Exists(Path.Combine(feed, "Provenance.Capture.0.1.0.nupkg")).ShouldBeTrue();

        // A private package folder: the machine-wide cache may hold an older build of the same version.
        var packages = Path.Combine(_directory, "packages");
        var output = Path.Combine(_directory, "run");
        Dotnet(root, "run", "--project", "samples/PackageConsumer", $"-p:RestorePackagesPath={packages}", "--", output);

        var records = File.ReadAllLines(Path.Combine(output, "prov.log")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var start = records.Single(r => r.GetProperty("prov_kind").GetString() == "activity_start");
        start.GetProperty("name").GetString().ShouldBe("double_file");
        var end = records.Single(r => r.GetProperty("prov_kind").GetString() == "activity_end");
        end.GetProperty("activity_id").GetString().ShouldBe(start.GetProperty("activity_id").GetString());
        end.GetProperty("generated").GetArrayLength().ShouldBe(1);
        Directory.GetDirectories(Path.Combine(packages, "provenance.capture")).ShouldNotBeEmpty("the consumer restored the packed package");
    }

    private static void Dotnet(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"dotnet {string.Join(' ', arguments)}\n{output.Result}\n{error}");
    }
}
