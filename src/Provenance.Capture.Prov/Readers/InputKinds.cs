using System.Text;

namespace Provenance.Capture.Prov.Readers;

/// <summary>Tells a provenance log from a PROV-JSON document by the first bytes of a file (plain or gzip).</summary>
public static class InputKinds
{
    private const int Sniffed = 64 * 1024;

    private static readonly string[] ProvJsonSections =
    [
        "\"prefix\"", "\"entity\"", "\"activity\"", "\"agent\"", "\"wasGeneratedBy\"", "\"used\"", "\"wasDerivedFrom\"", "\"bundle\"",
    ];

    /// <summary>What the file holds.</summary>
    /// <param name="path">The file (<c>.gz</c> is decompressed).</param>
    /// <returns>Its kind.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static InputKind Of(string path)
    {
        var head = Head(path);
        var text = head.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.Length == 0)
        {
            return InputKind.Empty;
        }

        var firstLine = text.Split('\n', 2)[0];
        if (firstLine.Contains(LstProvReader.Prefix, StringComparison.Ordinal) || firstLine.StartsWith('{') && firstLine.Contains("\"prov_kind\"", StringComparison.Ordinal))
        {
            return InputKind.ProvenanceLog;
        }

        // ctapipe's provenance log: arrays of activity objects, appended run after run.
        if (text[0] == '[' && text.Contains("\"activity_name\"", StringComparison.Ordinal))
        {
            return InputKind.CtapipeProvenance;
        }

        // A PROV-JSON document opens with its sections (pretty-printed: "{" alone on the first line).
        var opening = text.TrimStart('{').TrimStart();
        return text[0] == '{' && ProvJsonSections.Any(s => opening.StartsWith(s, StringComparison.Ordinal)) ? InputKind.ProvJson : InputKind.Other;
    }

    private static string Head(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096);
        using var stream = Decompressed.Of(file, path);
        var buffer = new byte[Sniffed];
        var length = 0;
        try
        {
            // The read is not inside the loop's condition: Stryker's mutant of a '&&' there would leave it unassigned,
            // and its safe mode then drops every mutant of the method as a compile error.
            while (length < buffer.Length)
            {
                var read = stream.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }
        }
        catch (InvalidDataException)
        {
            // Not gzip after all: judged by what was read.
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
