using System.ComponentModel;
using System.Diagnostics;

namespace Provenance.Capture.Prov.Writers;

/// <summary>Renders DOT to SVG or PDF with the Graphviz <c>dot</c> program.</summary>
public static class GraphvizRenderer
{
    /// <summary>What to tell a user without Graphviz.</summary>
    public const string InstallHint = "Graphviz 'dot' was not found on PATH: install the 'graphviz' package (apt-get install graphviz, brew install graphviz, choco install graphviz), or write .dot instead.";

    /// <summary>Whether <c>dot</c> can be run.</summary>
    /// <returns>True when Graphviz is installed.</returns>
    public static bool IsAvailable()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("dot", "-V") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false });
            if (process is null)
            {
                return false;
            }

            process.WaitForExit(10_000);
            return process.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Renders DOT text to a file whose extension (<c>.svg</c>, <c>.pdf</c>, <c>.png</c>) picks the format.</summary>
    /// <param name="dot">DOT text.</param>
    /// <param name="outputPath">The image file.</param>
    /// <exception cref="GraphvizException">dot is missing or failed.</exception>
    public static void Render(string dot, string outputPath)
    {
        var format = Path.GetExtension(outputPath).TrimStart('.').ToLowerInvariant();
        if (format is not ("svg" or "pdf" or "png"))
        {
            throw new GraphvizException($"cannot render '{outputPath}': expected a .svg, .pdf, .png or .dot file");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        Process? process;
        try
        {
            process = Process.Start(new ProcessStartInfo("dot", ["-T" + format, "-o", outputPath])
            {
                RedirectStandardInput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
        }
        catch (Win32Exception e)
        {
            throw new GraphvizException(InstallHint, e);
        }

        using (process ?? throw new GraphvizException(InstallHint))
        {
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(dot);
            process.StandardInput.Close();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new GraphvizException($"Graphviz dot failed for '{outputPath}' (exit code {process.ExitCode}): {errors.Result.Trim()}");
            }
        }
    }

    /// <summary>Renders DOT text to SVG in memory (a web view's graph).</summary>
    /// <param name="dot">DOT text.</param>
    /// <returns>The SVG document.</returns>
    /// <exception cref="GraphvizException">dot is missing or failed.</exception>
    public static string RenderSvg(string dot)
    {
        Process? process;
        try
        {
            process = Process.Start(new ProcessStartInfo("dot", ["-Tsvg"])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = System.Text.Encoding.UTF8,
                StandardInputEncoding = new System.Text.UTF8Encoding(false),
            });
        }
        catch (Win32Exception e)
        {
            throw new GraphvizException(InstallHint, e);
        }

        using (process ?? throw new GraphvizException(InstallHint))
        {
            var svg = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(dot);
            process.StandardInput.Close();
            process.WaitForExit();
            return process.ExitCode == 0
                ? svg.Result
                : throw new GraphvizException($"Graphviz dot failed (exit code {process.ExitCode}): {errors.Result.Trim()}");
        }
    }
}
