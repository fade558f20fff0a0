using System.Diagnostics;

namespace Provenance.Capture.Prov.Tests;

/// <summary>A pipeline's mistakes show with the default set-up: printed once to standard error, not left to a logger nobody configured.</summary>
public sealed class VisibleMistakeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-mistakes-").FullName;

    // Under Stryker the child process loads the mutated library and joins its coverage relay, which then waits
    // for a process long gone: every later test's coverage timed out (tests/mutation.sh sets the variable).
    public VisibleMistakeTests()
        => Assert.SkipWhen(MutationTesting.Active, "runs the sample night in its own process, which mutation testing's coverage relay cannot follow");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // The sample night as a user runs it: its own process, its own standard error.
    private (int ExitCode, string Output, string Error) RunNight(params string[] arguments)
    {
        var sample = typeof(LstOnsite.NightRunner).Assembly.Location;

        // This folder holds the assemblies of the test's frameworks, not those the sample takes from packages
        // that ASP.NET Core (a framework of provcap, which the tests reference) also ships: run it on the test's frameworks.
        var frameworks = Path.ChangeExtension(typeof(VisibleMistakeTests).Assembly.Location, ".runtimeconfig.json");
        var start = new ProcessStartInfo("dotnet", ["exec", "--runtimeconfig", frameworks, sample, "--out", Path.Combine(_directory, "night"), "--subruns", "1", .. arguments])
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }

    [Fact]
    public void A_typo_in_a_model_activity_name_is_printed_once_on_both_sides_naming_the_likely_match()
    {
        var model = Path.Combine(_directory, "typo.yaml");
        var original = File.ReadAllText(Path.Combine(Path.GetDirectoryName(typeof(LstOnsite.NightRunner).Assembly.Location)!, "models", "lst-onsite.yaml"));
        File.WriteAllText(model, original.Replace("\n  calibrate_charge:\n", "\n  calibrate_charg:\n", StringComparison.Ordinal));

        var (exitCode, _, error) = RunNight("--model", model);

        exitCode.ShouldBe(0, error);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Where(l => l.Contains("PCAP003", StringComparison.Ordinal)).ShouldHaveSingleItem().ShouldContain("'calibrate_charge'");
        var orphan = lines.Where(l => l.Contains("PCAP010", StringComparison.Ordinal)).ShouldHaveSingleItem();
        orphan.ShouldContain($"{model}:");
        orphan.ShouldContain("did you mean 'calibrate_charge'?");
    }

    [Fact]
    public void Activity_methods_called_without_a_capture_say_so_once()
    {
        var (exitCode, _, error) = RunNight("--without-provenance");

        exitCode.ShouldBe(0, error);
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem()
            .ShouldEndWith("is an [Activity] method, but no provenance capture was started (ProvenanceCapture.Start): its calls are not recorded");
    }

    [Fact]
    public void A_clean_night_prints_nothing_on_standard_error()
    {
        var (exitCode, _, error) = RunNight();

        exitCode.ShouldBe(0, error);
        error.ShouldBeEmpty();
    }
}
