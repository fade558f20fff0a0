namespace Provenance.Capture.Entities;

/// <summary>One watched path: trusted while <see cref="Armed"/> and its <see cref="Version"/> is the one last checked.</summary>
internal sealed class WatchedFile(string path, string folder)
{
    private volatile bool _armed;
    private volatile int _version;

    public string Path { get; } = path;

    public string Folder { get; } = folder;

    public bool Armed { get => _armed; set => _armed = value; }

    public int Version { get => _version; set => _version = value; }

    internal object? Node { get; set; }
}
