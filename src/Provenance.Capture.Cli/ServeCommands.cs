using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Provenance.Capture.Web;
using static Provenance.Capture.Cli.CommandParts;

namespace Provenance.Capture.Cli;

/// <summary>The web verbs of <c>provcap</c>: serve a store, and add a token for it — thin shells over <see cref="ProvenanceWeb"/> and <see cref="TokenFile"/>.</summary>
internal static class ServeCommands
{
    public static Command Serve(TextWriter output, TextWriter error)
    {
        var store = new Option<string?>("--store") { Description = "The store: a SQLite file, or a PostgreSQL connection string (default: $PROVCAP_STORE, else provenance.db here)." };
        var urls = new Option<string[]>("--urls") { Description = $"Where to listen (default {ProvenanceWebOptions.DefaultUrl}: this machine only).", AllowMultipleArgumentsPerToken = true };
        var tokens = new Option<string?>("--tokens") { Description = "A token file (provcap token add makes one): every request then needs a token, and sees only its projects." };
        var command = new Command("serve", "Serve the store read-only over HTTP: nights and runs, node pages, lineage graphs, /provsap, /api/v1 (until Ctrl+C).") { store, urls, tokens };
        command.SetAction(result => Guard(error, () =>
        {
            var options = new ProvenanceWebOptions { TokensFile = result.GetValue(tokens) };
            if (result.GetValue(store) is { } location)
            {
                options.Store = location;
            }

            var addresses = result.GetValue(urls) is { Length: > 0 } given ? given : [ProvenanceWebOptions.DefaultUrl];
            WebApplication app;
            try
            {
                app = ProvenanceWeb.Build(options, addresses);
            }
            catch (FormatException e)
            {
                throw new InvalidDataException(e.Message, e);
            }

            if (options.TokensFile is null && addresses.Any(a => !IsLoopback(a)))
            {
                error.WriteLine("provcap: warning: serving beyond this machine without --tokens: anyone who reaches the address sees every project");
            }

            using (app)
            {
                app.Start();
                output.WriteLine($"provcap serve: {string.Join(", ", app.Urls)} — store {options.Store}{(options.TokensFile is null ? string.Empty : ", tokens " + options.TokensFile)}; Ctrl+C stops");
                app.WaitForShutdown();
            }

            return Ok;
        }));
        return command;
    }

    public static Command Token(TextWriter output, TextWriter error)
    {
        var projects = new Option<string[]>("--project") { Description = "A project the token may see (repeatable; * for every project).", Required = true, AllowMultipleArgumentsPerToken = false };
        var file = new Option<string>("--tokens") { Description = "The token file to append to (created as needed).", Required = true };
        var add = new Command("add", "Make a new random token for projects, append its hash to the token file and print the token (it is kept nowhere else).") { projects, file };
        add.SetAction(result => Guard(error, () =>
        {
            var token = TokenFile.Add(result.GetValue(file)!, [.. result.GetValue(projects)!.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))]);
            output.WriteLine(token);
            return Ok;
        }));
        return new Command("token", "Tokens for provcap serve.") { add };
    }

    private static bool IsLoopback(string url)
        => Uri.TryCreate(url.Replace("://*", "://any", StringComparison.Ordinal).Replace("://+", "://any", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            && (uri.IsLoopback || uri.Host == "127.0.0.1" || uri.Host == "[::1]");
}
