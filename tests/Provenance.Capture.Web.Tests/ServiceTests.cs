using System.Net;
using System.Text.Json;
using Provenance.Capture.Prov.Readers;
using Provenance.Capture.Prov.Validation;
using Provenance.Capture.Store;

namespace Provenance.Capture.Web.Tests;

/// <summary>The server over HTTP, as scripts and browsers reach it: real Kestrel on a free port, a real store of the sample night.</summary>
public sealed class ServiceTests(WebSite site)
{
    private static readonly string[] EmbargoedIds = [ProjectDocuments.Reanalysis, ProjectDocuments.Product, ProjectDocuments.Investigator];

    private static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> Get(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), response);
    }

    private static string Q(string text) => Uri.EscapeDataString(text);

    private static Prov.Document.ProvDocument ProvOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ProvJsonReader.Read(document.RootElement);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/run?run=01618")]
    [InlineData("/api/v1/runs")]
    [InlineData("/provsap?ID=x")]
    [InlineData("/openapi.json")]
    public async Task Without_a_valid_token_every_page_and_answer_is_401(string path)
    {
        using var none = site.Client(null);
        using var wrong = site.Client("not-a-token");
        foreach (var client in new[] { none, wrong })
        {
            var (status, body, response) = await Get(client, path);
            status.ShouldBe(HttpStatusCode.Unauthorized);
            response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
            body.ShouldNotContain("1618", customMessage: "a refused request reveals nothing of the store");
        }
    }

    [Fact]
    public async Task A_browser_signs_in_once_and_gets_an_http_only_strict_cookie()
    {
        using var client = site.Client(null);
        var bad = await client.PostAsync("/signin", new FormUrlEncodedContent([new("token", "wrong")]), TestContext.Current.CancellationToken);
        bad.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var signIn = await client.PostAsync("/signin", new FormUrlEncodedContent([new("token", site.PublicToken)]), TestContext.Current.CancellationToken);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookie = signIn.Headers.GetValues("Set-Cookie").ShouldHaveSingleItem();
        cookie.ShouldStartWith(Access.Cookie + "=");
        cookie.ToLowerInvariant().ShouldContain("httponly");
        cookie.ToLowerInvariant().ShouldContain("samesite=strict");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        var page = await client.SendAsync(request, TestContext.Current.CancellationToken);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("/run?run=01618");
    }

    [Fact]
    public async Task Another_projects_nodes_answer_404_everywhere_and_never_appear_in_a_lineage()
    {
        using var publicClient = site.Client(site.PublicToken);
        using var embargoClient = site.Client(site.EmbargoToken);
        var product = Q(ProjectDocuments.Product);
        foreach (var path in new[]
        {
            $"/entity?id={product}", $"/activity?id={Q(ProjectDocuments.Reanalysis)}", $"/agent?id={Q(ProjectDocuments.Investigator)}", $"/graph?ID={product}",
            $"/provsap?ID={product}", $"/api/v1/nodes?id={product}", $"/api/v1/lineage?id={product}", $"/run?run={ProjectDocuments.Run}",
        })
        {
            (await Get(publicClient, path)).Status.ShouldBe(HttpStatusCode.NotFound, path);
            var allowed = await Get(embargoClient, path);
            allowed.Status.ShouldBeOneOf([HttpStatusCode.OK, HttpStatusCode.Redirect], path);
        }

        // The DL2 file is public: its future, its page, its graph and the API do not show the reanalysis to the public.
        var dl2 = Q(site.Dl2);
        foreach (var path in new[] { $"/entity?id={dl2}", $"/graph?ID={dl2}&DIRECTION=FORTH&DEPTH=ALL&AGENT=TRUE", $"/provsap?ID={dl2}&DIRECTION=FORTH&DEPTH=ALL&AGENT=TRUE", $"/api/v1/lineage?id={dl2}&direction=forth&depth=all", "/api/v1/runs", "/", $"/search?q=secret" })
        {
            var seen = await Get(publicClient, path);
            seen.Status.ShouldBe(HttpStatusCode.OK, path);
            foreach (var hidden in EmbargoedIds.Concat(["secret.h5", ProjectDocuments.Run.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                seen.Body.ShouldNotContain(hidden, Case.Sensitive, path);
                seen.Body.ShouldNotContain(Q(hidden), Case.Sensitive, path);
            }
        }

        (await Get(embargoClient, $"/api/v1/lineage?id={dl2}&direction=forth&depth=all")).Body.ShouldContain(ProjectDocuments.Product);
    }

    [Fact]
    public async Task Ids_and_labels_holding_html_are_shown_as_text()
    {
        using var client = site.Client(site.PublicToken);
        var (status, body, _) = await Get(client, $"/entity?id={Q(ProjectDocuments.Injection)}");
        status.ShouldBe(HttpStatusCode.OK);
        body.ShouldNotContain("<script>alert");
        body.ShouldNotContain("<img src=x");
        body.ShouldContain(WebUtility.HtmlEncode(ProjectDocuments.Injection));
        body.ShouldContain(WebUtility.HtmlEncode(ProjectDocuments.InjectionLabel));

        foreach (var path in new[] { $"/graph?ID={Q(ProjectDocuments.Injection)}&DEPTH=ALL", $"/graph?ID={Q(site.Dl2)}&DIRECTION=FORTH", $"/search?q={Q("<script>")}", $"/entity?id={Q("<script>nothing</script>")}" })
        {
            var page = await Get(client, path);
            page.Body.ShouldNotContain("<script", Case.Insensitive, path);
            page.Body.ShouldNotContain("<img", Case.Insensitive, path);
            page.Body.ShouldNotContain("<b>", Case.Insensitive, path);
        }
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_no_stack_trace()
    {
        using var client = site.Client(site.PublicToken);
        foreach (var path in new[] { "/", "/nothing-here", "/run?run=x", "/provsap", "/api/v1/find?run=abc" })
        {
            var (_, body, response) = await Get(client, path);
            response.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem().ShouldContain("default-src 'none'");
            response.Headers.GetValues("X-Content-Type-Options").ShouldHaveSingleItem().ShouldBe("nosniff");
            body.ShouldNotContain("   at ", Case.Sensitive, path);
            body.ShouldNotContain("Exception", Case.Sensitive, path);
        }

        (await Get(client, "/run?run=x")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await Get(client, "/api/v1/find?run=abc")).Body.ShouldContain("'abc' is not a run number");
        var big = await client.PostAsync("/signin", new FormUrlEncodedContent([new("token", new string('x', 64 * 1024))]), TestContext.Current.CancellationToken);
        ((int)big.StatusCode).ShouldBe(413);

        // An answer made by the exception handler (it clears the response first) carries them too.
        big.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem().ShouldContain("default-src 'none'");
        (await big.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldNotContain("   at ");
    }

    [Fact]
    public async Task ProvSap_takes_its_parameters_in_any_case_with_its_defaults_and_says_what_is_wrong()
    {
        using var client = site.Client(site.PublicToken);
        using var store = ProvenanceStore.Open(site.StorePath);
        var expected = store.Lineage(site.Dl2, new LineageOptions { Depth = 1, FollowMembers = false, Projects = ["lst-public"] });

        var (status, body, response) = await Get(client, $"/provsap?id={Q(site.Dl2)}");
        status.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var document = ProvOf(body);
        document.Entities.Keys.Concat(document.Activities.Keys).Order().ShouldBe(expected.Nodes.Select(n => n.Id).Order());

        var twice = ProvOf((await Get(client, $"/PROVSAP?Id={Q(site.Dl2)}&iD={Q(ProjectDocuments.Injection)}&depth=all&Direction=back&responseFormat=prov-json")).Body);
        twice.Entities.Keys.ShouldContain(ProjectDocuments.Injection);
        twice.Entities.Keys.ShouldContain(e => e.Length > 0 && store.Describe(e).Single().Element.Get("prov:label") == "R0SubrunDataset");

        (await Get(client, "/provsap?DEPTH=1")).ShouldSatisfyAllConditions(a => a.Status.ShouldBe(HttpStatusCode.BadRequest), a => a.Body.ShouldContain("ID is missing"));
        (await Get(client, $"/provsap?ID={Q(site.Dl2)}&DEPTH=deep")).Body.ShouldContain("DEPTH 'deep' is not a depth");
        (await Get(client, $"/provsap?ID={Q(site.Dl2)}&DIRECTION=up")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await Get(client, $"/provsap?ID={Q(site.Dl2)}&AGENT=maybe")).Body.ShouldContain("AGENT 'maybe' is not a flag");
        (await Get(client, $"/provsap?ID={Q(site.Dl2)}&RESPONSEFORMAT=PROV-XML")).Status.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await Get(client, $"/provsap?ID=nothing-so-named")).Status.ShouldBe(HttpStatusCode.NotFound);

        (await Get(client, $"/provsap?ID={Q(site.Dl2)}&RESPONSEFORMAT=PROV-N")).Body.ShouldStartWith("document");
        (await Get(client, $"/provsap?ID={Q(site.Dl2)}&RESPONSEFORMAT=PROV-DOT")).Body.ShouldStartWith("digraph");
        if (Prov.Writers.GraphvizRenderer.IsAvailable())
        {
            var svg = await Get(client, $"/provsap?ID={Q(site.Dl2)}&RESPONSEFORMAT=PROV-SVG");
            svg.Response.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
            svg.Body.ShouldContain("<svg");
        }
    }

    [Fact]
    public async Task ProvSap_prov_json_passes_the_w3c_schema_and_python_prov_reads_it()
    {
        using var client = site.Client(site.PublicToken);
        var body = (await Get(client, $"/provsap?ID={Q(site.Dl2)}&DEPTH=ALL&AGENT=TRUE&MEMBERS=TRUE")).Body;
        ProvValidator.Validate(body).Where(p => p.Severity == ValidationSeverity.Error).ShouldBeEmpty();
        var document = ProvOf(body);
        document.Agents.ShouldNotBeEmpty("AGENT=TRUE adds the agents");

        var python = "/usr/bin/python3";
        var hasProv = File.Exists(python) && Tools.Run(python, "-c \"import prov\"").ExitCode == 0;
        if (!hasProv && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Assert.Skip("python3-prov is not installed (apt-get install python3-prov); .ci/run installs it");
        }

        var path = Path.Combine(site.Directory, "provsap.json");
        File.WriteAllText(path, body);
        var read = Tools.Run(python, $"-c \"import prov, sys; d = prov.read(sys.argv[1], format='json'); print(len(list(d.get_records(prov.model.ProvEntity))), len(list(d.get_records(prov.model.ProvActivity))))\" \"{path}\"");
        read.ExitCode.ShouldBe(0, read.Error);
        read.Output.Trim().ShouldBe($"{document.Entities.Count} {document.Activities.Count}");
    }

    [Fact]
    public async Task The_api_answers_runs_nodes_lineage_and_find_as_json_described_by_openapi()
    {
        using var client = site.Client(site.PublicToken);
        using var store = ProvenanceStore.Open(site.StorePath);
        using var runs = JsonDocument.Parse((await Get(client, "/api/v1/runs")).Body);
        runs.RootElement.EnumerateArray().Select(r => r.GetProperty("run").GetInt64()).ShouldBe(store.Runs(["lst-public"]).Select(r => r.Run));

        using var node = JsonDocument.Parse((await Get(client, $"/api/v1/nodes?id={Q(site.Dl2)}")).Body);
        var first = node.RootElement[0];
        first.GetProperty("id").GetString().ShouldBe(site.Dl2Id);
        first.GetProperty("kind").GetString().ShouldBe("entity");
        first.GetProperty("attributes").GetProperty("prov:location")[0].GetString().ShouldBe(site.Dl2);
        first.GetProperty("relations").EnumerateArray().ShouldContain(r => r.GetProperty("kind").GetString() == "wasGeneratedBy");

        using var lineage = JsonDocument.Parse((await Get(client, $"/api/v1/lineage?id={Q(site.Dl2)}&depth=all")).Body);
        var expected = store.Lineage(site.Dl2, new LineageOptions { Projects = ["lst-public"] });
        lineage.RootElement.GetProperty("nodes").EnumerateArray().Select(n => (n.GetProperty("id").GetString(), n.GetProperty("depth").GetInt32()))
            .ShouldBe(expected.Nodes.Select(n => ((string?)n.Id, n.Depth)));
        lineage.RootElement.GetProperty("edges").GetArrayLength().ShouldBe(expected.Edges.Count);
        lineage.RootElement.GetProperty("truncated").GetBoolean().ShouldBeFalse();

        using var found = JsonDocument.Parse((await Get(client, "/api/v1/find?run=01618&activity=r0_to_dl1")).Body);
        found.RootElement.GetProperty("total").GetInt64().ShouldBe(store.Find(new FindQuery { Run = "01618", Activity = "r0_to_dl1" }).Total);

        using var openApi = JsonDocument.Parse((await Get(client, "/openapi.json")).Body);
        var paths = openApi.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldBe(["/provsap", "/api/v1/runs", "/api/v1/nodes", "/api/v1/lineage", "/api/v1/find"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_token_added_while_the_server_runs_works_at_once_and_the_server_without_tokens_asks_for_none()
    {
        using var open = site.Client(null, open: true);
        (await Get(open, "/")).Status.ShouldBe(HttpStatusCode.OK);
        (await Get(open, $"/entity?id={Q(ProjectDocuments.Product)}")).Status.ShouldBe(HttpStatusCode.OK, "without tokens every project is seen");

        var token = TokenFile.Add(site.TokensPath, ["embargo"]);
        using var client = site.Client(token);
        (await Get(client, $"/entity?id={Q(ProjectDocuments.Product)}")).Status.ShouldBe(HttpStatusCode.OK);
        File.ReadAllText(site.TokensPath).ShouldNotContain(token);
        File.ReadAllText(site.TokensPath).ShouldContain(TokenFile.Hash(token) + " embargo");
    }

    [Fact]
    public void A_malformed_token_file_names_its_file_and_line()
    {
        var path = Path.Combine(site.Directory, "broken-tokens.txt");
        File.WriteAllLines(path, ["# tokens", new string('a', 64) + " lst-public", "not-a-hash lst-public"]);
        var error = Should.Throw<FormatException>(() => TokenFile.Load(path));
        error.Message.ShouldStartWith($"{path}:3: expected '<sha256 of the token");
        Should.Throw<FileNotFoundException>(() => TokenFile.Load(path + ".missing")).Message.ShouldContain("provcap token add");
    }

    [Fact]
    public void The_command_line_adds_tokens_and_serve_refuses_a_broken_token_file_in_one_line()
    {
        var path = Path.Combine(site.Directory, "cli-tokens.txt");
        var (code, output, error) = Tools.Provcap("token", "add", "--project", "lst-public", "--project", "embargo", "--tokens", path);
        code.ShouldBe(0, error);
        var token = output.Trim();
        File.ReadAllText(path).Trim().ShouldBe($"{TokenFile.Hash(token)} lst-public,embargo");
        TokenFile.Load(path).TryGetProjects(token, out var projects).ShouldBeTrue();
        projects.ShouldBe(["lst-public", "embargo"]);

        var broken = Path.Combine(site.Directory, "cli-broken.txt");
        File.WriteAllText(broken, "nonsense\n");
        (code, _, error) = Tools.Provcap("serve", "--store", site.StorePath, "--tokens", broken, "--urls", "http://127.0.0.1:0");
        code.ShouldBe(1);
        error.Trim().ShouldBe($"provcap: {Path.GetFullPath(broken)}:1: expected '<sha256 of the token, 64 hex digits> <project>[,<project>…]', got 'nonsense'");
        (code, _, error) = Tools.Provcap("token", "add", "--tokens", path);
        code.ShouldBe(1);
        error.ShouldContain("--project");
    }

    [Fact]
    public async Task A_graph_bigger_than_the_cap_is_cut_with_links_to_go_deeper_from_its_frontier()
    {
        var (app, address) = await WebSite.StartAsync(new ProvenanceWebOptions { Store = site.StorePath, GraphNodes = 5 });
        await using (app)
        {
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            var (status, body, _) = await Get(client, $"/graph?ID={Q(site.Dl2)}&DEPTH=ALL");
            status.ShouldBe(HttpStatusCode.OK);
            body.ShouldContain("Truncated at 5 nodes — go deeper from here");
            var deeper = System.Text.RegularExpressions.Regex.Matches(body, "<p class=\"truncated\">.*?</p>").Single().Value;
            var links = System.Text.RegularExpressions.Regex.Matches(deeper, "href=\"(/graph\\?ID=[^\"]+)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
            links.ShouldNotBeEmpty();
            foreach (var link in links)
            {
                (await Get(client, link)).Status.ShouldBe(HttpStatusCode.OK, link);
            }

            // Not cut: the whole lineage, and no such paragraph.
            (await Get(client, $"/graph?ID={Q(site.Dl2)}&DEPTH=1")).Body.ShouldNotContain("Truncated at");
            await app.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Provcap_serve_serves_the_store_on_the_address_it_prints_and_stops_on_sigterm()
    {
        var (status, body) = await ServeOnce("/run?run=01618", path: null);
        status.ShouldBe(HttpStatusCode.OK);
        body.ShouldContain("<svg");
    }

    [Fact]
    public async Task Without_graphviz_a_graph_page_says_so_and_offers_the_lineage_as_documents()
    {
        // A PATH of one empty folder: no Graphviz 'dot' (the dotnet host is found with the test's own PATH).
        var empty = System.IO.Directory.CreateDirectory(Path.Combine(site.Directory, "no-tools")).FullName;
        var (status, body) = await ServeOnce($"/graph?ID={Q(site.Dl2)}&DEPTH=ALL", path: empty);
        status.ShouldBe(HttpStatusCode.OK);
        body.ShouldContain("The graph cannot be drawn: Graphviz &#39;dot&#39; was not found on PATH");
        body.ShouldNotContain("<svg");
        body.ShouldContain("RESPONSEFORMAT=PROV-JSON");
        body.ShouldContain(Q(site.Dl2Id));
    }

    // Runs `provcap serve` as a process (on a free port; with this PATH when given), asks it one page, stops it with SIGTERM.
    private async Task<(HttpStatusCode Status, string Body)> ServeOnce(string page, string? path)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "provcap.dll");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [tool, "serve", "--store", site.StorePath, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (path is not null)
        {
            start.Environment["PATH"] = path;
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        (HttpStatusCode, string) answer;
        try
        {
            string? line;
            while ((line = await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken)) is not null && !line.StartsWith("provcap serve: ", StringComparison.Ordinal))
            {
            }

            if (line is null)
            {
                Assert.Fail("provcap serve ended without serving: " + await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
            }

            var address = line["provcap serve: ".Length..].Split(' ')[0];
            address.ShouldStartWith("http://127.0.0.1:");
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            var (status, body, _) = await Get(client, page);
            answer = (status, body);
        }
        finally
        {
            System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        process.ExitCode.ShouldBe(0);
        return answer;
    }
}
