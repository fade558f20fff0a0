using LstOnsite;

namespace Provenance.Capture.Store.Tests;

/// <summary>One real sample night (2 runs × 3 subruns) captured once, whose log the store tests ingest.</summary>
public sealed class StoreNight : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("provcap-store-night-").FullName;

    public NightResult Night { get; private set; } = null!;

    public string LogPath => Night.LogPath;

    /// <summary>The night's log as another job's: its session (and so every activity id) renamed, its files shared.</summary>
    public string LogAsJob(int job)
    {
        var text = File.ReadAllText(LogPath);
        using var first = System.Text.Json.JsonDocument.Parse(text[..text.IndexOf('\n', StringComparison.Ordinal)]);
        var session = first.RootElement.GetProperty("session_id").GetString()!;
        return text.Replace(session, $"{session[..^4]}{job:D4}", StringComparison.Ordinal);
    }

    /// <summary>The night's files, under the night's own folder.</summary>
    public string Data => Path.Combine(Directory, "night", "data");

    public async ValueTask InitializeAsync()
        => Night = await NightRunner.RunAsync(new NightOptions { OutputDirectory = Path.Combine(Directory, "night"), Runs = [1618, 1619], SubrunsPerRun = 3, PostProcess = false });

    public ValueTask DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
