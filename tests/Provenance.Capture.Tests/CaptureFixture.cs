using System.Text.Json;

namespace Provenance.Capture.Tests;

/// <summary>A temporary folder with a real CLEF log written by Serilog, read back after the capture is disposed.</summary>
public sealed class CaptureFixture : IDisposable
{
    public CaptureFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("provcap-test-").FullName;
        LogPath = Path.Combine(Directory, "prov.log");
    }

    public string Directory { get; }

    public string LogPath { get; }

    public static string ModelPath => Path.Combine(AppContext.BaseDirectory, "Models", "test-pipeline.yaml");

    public ProvenanceOptions Options(Action<ProvenanceOptions>? configure = null)
    {
        var options = new ProvenanceOptions { ModelPath = ModelPath, LogPath = LogPath, DryRun = false };
        configure?.Invoke(options);
        return options;
    }

    public ProvenanceCapture Start(Action<ProvenanceOptions>? configure = null) => ProvenanceCapture.Start(Options(configure));

    /// <summary>
    /// The id capture gives a file hashed by content (the README's rule): the hash of its full path, its
    /// content hash and its last write time in ticks, one per line; md5 unless another hash is given.
    /// </summary>
    public static string FileEntityId(string path) => FileEntityId(path, System.Security.Cryptography.MD5.HashData);

    public static string FileEntityId(string path, Func<byte[], byte[]> hash)
    {
        var content = Convert.ToHexStringLower(hash(System.IO.File.ReadAllBytes(path)));
        var version = $"{path}\n{content}\n{System.IO.File.GetLastWriteTimeUtc(path).Ticks}";
        return Convert.ToHexStringLower(hash(System.Text.Encoding.UTF8.GetBytes(version)));
    }

    public string File(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public List<JsonElement> Records()
    {
        var records = new List<JsonElement>();
        foreach (var line in System.IO.File.ReadLines(LogPath))
        {
            records.Add(JsonDocument.Parse(line).RootElement.Clone());
        }

        return records;
    }

    // Events of other categories (a user's own logging set-up) have no prov_kind and are passed over.
    public List<JsonElement> Records(string kind)
        => Records().Where(r => r.TryGetProperty("prov_kind", out var value) && value.GetString() == kind).ToList();

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
