using System.Net.Http.Headers;
using LstOnsite;
using Microsoft.AspNetCore.Builder;
using Provenance.Capture.Store;

namespace Provenance.Capture.Web.Tests;

/// <summary>
/// One real sample night (2 runs × 3 subruns) in a SQLite store, with an embargoed reanalysis of its DL2
/// file (project <c>embargo</c>) and a document whose ids hold HTML; served by two real Kestrel servers on free
/// loopback ports: one with a token file (a token for <c>lst-public</c>, one for <c>embargo</c>), one without.
/// </summary>
public sealed class WebSite : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("provcap-web-").FullName;

    public string StorePath => Path.Combine(Directory, "provenance.db");

    public string TokensPath => Path.Combine(Directory, "tokens.txt");

    public string Data => Path.Combine(Directory, "night", "data");

    public string Dl2 => Path.Combine(Data, "DL2", "20201120", "dl2_LST-1.Run01618.h5");

    public string Dl2Id { get; private set; } = string.Empty;

    /// <summary>A token for the night's public project: it must not see the embargo.</summary>
    public string PublicToken { get; private set; } = string.Empty;

    /// <summary>A token for the embargoed project.</summary>
    public string EmbargoToken { get; private set; } = string.Empty;

    /// <summary>The server with tokens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Address { get; private set; } = string.Empty;

    /// <summary>The server without tokens.</summary>
    public string OpenAddress { get; private set; } = string.Empty;

    private WebApplication? _guarded;
    private WebApplication? _open;

    public async ValueTask InitializeAsync()
    {
        var night = await NightRunner.RunAsync(new NightOptions { OutputDirectory = Path.Combine(Directory, "night"), Runs = [1618, 1619], SubrunsPerRun = 3, PostProcess = false });
        using (var store = ProvenanceStore.Open(StorePath))
        {
            store.Ingest([night.LogPath], new IngestOptions { Project = "lst-public" });
            Dl2Id = store.Describe(Dl2).Single().Id;
            store.Ingest([ProjectDocuments.WriteEmbargoed(Directory, Dl2Id)], new IngestOptions { Project = "embargo" });
            store.Ingest([ProjectDocuments.WriteInjection(Directory, Dl2Id)]);
        }

        PublicToken = TokenFile.Add(TokensPath, ["lst-public"]);
        EmbargoToken = TokenFile.Add(TokensPath, ["embargo", "lst-public"]);
        (_guarded, Address) = await StartAsync(new ProvenanceWebOptions { Store = StorePath, TokensFile = TokensPath });
        (_open, OpenAddress) = await StartAsync(new ProvenanceWebOptions { Store = StorePath });
    }

    /// <summary>A client of the server with tokens, sending this token (none: null).</summary>
    public HttpClient Client(string? token, bool open = false)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(open ? OpenAddress : Address) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public static async Task<(WebApplication App, string Address)> StartAsync(ProvenanceWebOptions options)
    {
        var app = ProvenanceWeb.Build(options, "http://127.0.0.1:0");
        await app.StartAsync();
        return (app, app.Urls.Single());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in new[] { _guarded, _open })
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
