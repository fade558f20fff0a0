using System.Diagnostics;

namespace Provenance.Capture.Packaging.Tests;

/// <summary>Runs the dotnet CLI the way a user would, failing the test with its output when it fails.</summary>
internal static class Dotnet
{
    public static void Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"dotnet {string.Join(' ', arguments)}\n{output.Result}\n{error}");
    }
}
