using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Provenance.Capture.Web;

/// <summary>
/// The web view and query service of a provenance store: <see cref="Build"/> makes the whole server
/// (what <c>provcap serve</c> runs); <see cref="AddProvenanceWeb"/> and <see cref="MapProvenanceWeb"/> put it into an application of one's own.
/// </summary>
public static class ProvenanceWeb
{
    /// <summary>Makes the server: Kestrel on <paramref name="urls"/> (loopback by default), read-only over the store, not started.</summary>
    /// <param name="options">The store, the token file and the limits.</param>
    /// <param name="urls">Where to listen; none for <see cref="ProvenanceWebOptions.DefaultUrl"/> (<c>http://127.0.0.1:0</c> picks a free port).</param>
    /// <returns>The application; <c>RunAsync</c> or <c>StartAsync</c> it.</returns>
    /// <exception cref="Store.StoreException">The store cannot be opened.</exception>
    /// <exception cref="FormatException">The token file has a malformed line (named by file and line).</exception>
    public static WebApplication Build(ProvenanceWebOptions options, params string[] urls)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, Args = [] });
        builder.WebHost.UseUrls(urls.Length == 0 ? [ProvenanceWebOptions.DefaultUrl] : urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            kestrel.Limits.MaxRequestLineSize = 16 * 1024;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        builder.Services.AddProvenanceWeb(options);
        var app = builder.Build();
        app.MapProvenanceWeb();
        return app;
    }

    /// <summary>Adds what the web view needs: the options, the store pool (the store is opened now), the token file, JSON and OpenAPI.</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="options">The store, the token file and the limits.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddProvenanceWeb(this IServiceCollection services, ProvenanceWebOptions options)
    {
        var pool = new StorePool(options);
        pool.Check();
        services.AddSingleton(options);
        services.AddSingleton(pool);
        services.AddSingleton(new TokenHolder(options.TokensFile is { } file ? TokenFile.Load(file) : null));
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "provcap provenance store";
            document.Info.Description = "Lineage, nodes, runs and find over a Provenance.Capture store; ProvSAP-style /provsap.";
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>Maps the pages, ProvSAP, the API and <c>/openapi.json</c>, behind the token check and the security headers.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static WebApplication MapProvenanceWeb(this WebApplication app)
    {
        var tokens = app.Services.GetRequiredService<TokenHolder>().Tokens;
        app.UseSecurityHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Never a stack trace: the message of a user's mistake, a plain line otherwise (the log has the rest).
            ExceptionHandler = async context =>
            {
                var failure = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                var (status, message) = failure is Store.StoreException store
                    ? (StatusCodes.Status400BadRequest, store.Message)
                    : failure is BadHttpRequestException bad ? (bad.StatusCode, "the request was refused: " + bad.Message) : (StatusCodes.Status500InternalServerError, "the server failed to answer; the failure is in its log");
                await Answers.Error(context.Request, status, message).ExecuteAsync(context);
            },
        });
        app.UseStatusCodePages(async status =>
        {
            if (status.HttpContext.Response.ContentLength is null && !status.HttpContext.Response.HasStarted)
            {
                var code = status.HttpContext.Response.StatusCode;
                await Answers.Error(status.HttpContext.Request, code, code == StatusCodes.Status404NotFound ? "no such page" : Answers.Title(code)).ExecuteAsync(status.HttpContext);
            }
        });
        app.UseAccess(tokens);
        app.MapGet("/style.css", () => Results.Text(Assets.Style, "text/css; charset=utf-8")).ExcludeFromDescription();
        app.MapSignIn(tokens);
        app.MapPages();
        app.MapProvSap();
        app.MapApi();
        app.MapOpenApi("/openapi.json");
        return app;
    }

    // The token file, as one service (null when the server runs without tokens).
    private sealed record TokenHolder(TokenFile? Tokens);
}
