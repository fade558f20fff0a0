using System.Diagnostics;
using Provenance.Capture.Cli;

namespace Provenance.Capture.Web.Tests;

internal static class Tools
{
    public static (int ExitCode, string Output, string Error) Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }

    /// <summary>Runs provcap's command line in this process, as the tool does.</summary>
    public static (int ExitCode, string Output, string Error) Provcap(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ProvcapCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
