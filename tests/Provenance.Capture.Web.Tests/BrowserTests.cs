using Microsoft.Playwright;

namespace Provenance.Capture.Web.Tests;

/// <summary>
/// The web view in a real headless Chromium (the system's: Playwright's own download cannot work here), driven
/// by Playwright: sign in, click from the runs to a run, through its SVG graph to a file, back along its
/// lineage to an R0 file. Screenshots of each step go to <see cref="Screenshots"/>.
/// </summary>
public sealed class BrowserTests(WebSite site) : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    public static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            return;
        }

        System.IO.Directory.CreateDirectory(Screenshots);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    // Outside CI a machine without Chromium skips, saying why; under CI=true .ci/run installed it, so it fails.
    private IBrowser Browser()
    {
        if (_browser is null)
        {
            var reason = $"Chromium is not at {Chromium} (apt-get install chromium chromium-driver); .ci/run installs it";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(reason);
            }

            Assert.Skip(reason);
        }

        return _browser;
    }

    private async Task<IPage> SignedIn(string token)
    {
        var context = await Browser().NewContextAsync(new BrowserNewContextOptions { BaseURL = site.Address, ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();

        // CI runs the other test projects at the same time on two cores: pages may take a while.
        page.SetDefaultTimeout(120_000);
        var refused = await page.GotoAsync("/");
        refused!.Status.ShouldBe(401);
        await page.FillAsync("input[name=token]", token);
        // The refused page was "/" too: wait for the answer of the redirect, not for an address already shown.
        var signedIn = page.WaitForResponseAsync(r => r.Url == site.Address + "/" && r.Status == 200);
        await page.ClickAsync("form.signin button");
        await signedIn;

        // The runs page is there once its summary is (a load-state wait can miss the new document's load
        // event when the response came before the navigation committed: seen once in CI, a 2-minute hang).
        await page.Locator("p.summary").WaitForAsync();
        return page;
    }

    // A click that navigates: the wait is set up before the click (a navigation may end before a wait set up after it).
    private static async Task Follow(IPage page, Func<Task> click, string url)
    {
        var arrived = page.WaitForURLAsync(url);
        await click();
        await arrived;
    }

    private static async Task Shot(IPage page, string name)
    {
        var path = Path.Combine(Screenshots, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {path}");
    }

    [Fact]
    public async Task A_user_clicks_from_the_runs_through_the_run_graph_to_a_file_and_back_along_its_lineage_to_an_r0_file()
    {
        var page = await SignedIn(site.PublicToken);
        (await page.TextContentAsync("h1")).ShouldBe("Nights and runs");
        await Shot(page, "01-runs.png");

        await Follow(page, () => page.ClickAsync("table.runs a:text-is('01618')"), "**/run?run=01618");
        (await page.Locator(".graph svg").CountAsync()).ShouldBe(1);
        await Shot(page, "02-run.png");

        // The run's DL2 file is a group of one in the run graph: its node links to the file's own page.
        await Follow(page, () => page.Locator(".graph svg g.node", new PageLocatorOptions { HasText = "DL2RunDataset" }).Locator("a").First.ClickAsync(), "**/entity?id=*");
        (await page.TextContentAsync("h1")).ShouldBe("DL2RunDataset (entity)");
        (await page.TextContentAsync("table.attributes") ?? string.Empty).ShouldContain(site.Dl2);
        await Shot(page, "03-dl2-file.png");

        // Its whole past as a graph, then a click on an R0 file in it.
        await Follow(page, () => page.ClickAsync("h2:text-is('One step back') + table + p a:text-is('graph all the way')"), "**/graph?*");
        await Shot(page, "04-dl2-lineage.png");
        await Follow(page, () => page.Locator(".graph svg g.node", new PageLocatorOptions { HasText = "R0SubrunDataset" }).Locator("a").First.ClickAsync(), "**/entity?id=*");
        (await page.TextContentAsync("h1")).ShouldBe("R0SubrunDataset (entity)");
        (await page.TextContentAsync("table.attributes") ?? string.Empty).ShouldContain(".fits.fz");
        await Shot(page, "05-r0-file.png");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_id_holding_html_is_shown_as_text_and_runs_nothing()
    {
        var page = await SignedIn(site.PublicToken);
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };

        var response = await page.GotoAsync("/entity?id=" + Uri.EscapeDataString(ProjectDocuments.Injection));
        response!.Status.ShouldBe(200);
        (await page.TextContentAsync("h1")).ShouldBe($"{ProjectDocuments.InjectionLabel} (entity)");
        (await page.TextContentAsync("table.facts") ?? string.Empty).ShouldContain(ProjectDocuments.Injection);
        (await page.Locator("main img").CountAsync()).ShouldBe(0);
        await page.GotoAsync("/graph?ID=" + Uri.EscapeDataString(ProjectDocuments.Injection) + "&DEPTH=ALL");
        (await page.Locator(".graph svg").CountAsync()).ShouldBe(1);
        (await page.Locator("main script, main img").CountAsync()).ShouldBe(0);
        await Shot(page, "06-html-in-ids.png");
        dialogs.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Without_a_token_the_browser_gets_401_and_with_another_projects_token_an_embargoed_node_is_404()
    {
        var anonymous = await (await Browser().NewContextAsync(new BrowserNewContextOptions { BaseURL = site.Address })).NewPageAsync();
        (await anonymous.GotoAsync("/run?run=01618"))!.Status.ShouldBe(401);
        (await anonymous.Locator("form.signin").CountAsync()).ShouldBe(1);
        await anonymous.Context.CloseAsync();

        var page = await SignedIn(site.PublicToken);
        (await page.GotoAsync("/entity?id=" + Uri.EscapeDataString(ProjectDocuments.Product)))!.Status.ShouldBe(404);
        (await page.TextContentAsync("h1")).ShouldBe("Not found");
        await Shot(page, "07-embargoed-404.png");
        await page.Context.CloseAsync();

        var embargo = await SignedIn(site.EmbargoToken);
        (await embargo.GotoAsync("/entity?id=" + Uri.EscapeDataString(ProjectDocuments.Product)))!.Status.ShouldBe(200);
        await embargo.Context.CloseAsync();
    }
}
