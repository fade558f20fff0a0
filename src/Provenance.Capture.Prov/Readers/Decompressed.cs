using System.IO.Compression;

namespace Provenance.Capture.Prov.Readers;

/// <summary>A file's text stream: gzip is told by its first two bytes (1f 8b), not by the file's name.</summary>
internal static class Decompressed
{
    /// <summary>
    /// The file's content, decompressed when it starts as gzip does. A file named <c>.gz</c> that is plain text is
    /// read as it is, and a gzip file of another name is decompressed; a stream that cannot seek (a pipe) goes by
    /// the name.
    /// </summary>
    /// <param name="file">The opened file.</param>
    /// <param name="path">Its path.</param>
    /// <returns>A stream of its text; disposing it disposes the file.</returns>
    public static Stream Of(FileStream file, string path)
    {
        bool gzip;
        if (file.CanSeek)
        {
            Span<byte> magic = stackalloc byte[2];
            var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            gzip = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
            file.Position = 0;
        }
        else
        {
            gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        }

        return gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
    }
}
