using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TitleReview.BrowserTests.GatewayJourneys;

/// <summary>
/// A person's browser tab on the back office, only through the gateway: every request the page makes is recorded, and
/// one to any other address (a service's own port) fails the journey, except the identity provider where a journey
/// allows it. Each <see cref="StepAsync"/> takes a full-page screenshot (gateway-&lt;journey&gt;-NN-&lt;step&gt;.png) and runs axe.
/// </summary>
public sealed partial class GatewayTab : IAsyncDisposable
{
    private readonly SystemFixture system;
    private readonly IBrowserContext context;
    private readonly string journey;
    private readonly HashSet<string> allowed;
    private readonly List<string> offGateway = [];
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly List<string> timings = [];
    private int step;

    private GatewayTab(SystemFixture system, IBrowserContext context, IPage page, string journey, IEnumerable<Uri> alsoAllowed)
    {
        this.system = system;
        this.context = context;
        this.journey = journey;
        Page = page;
        allowed = [system.GatewayAddress.Authority, .. alsoAllowed.Select(u => u.Authority)];
        context.Request += (_, request) =>
        {
            if (Uri.TryCreate(request.Url, UriKind.Absolute, out var url) && url.Scheme.StartsWith("http", StringComparison.Ordinal) && !allowed.Contains(url.Authority))
            {
                lock (offGateway)
                {
                    offGateway.Add(request.Url);
                }
            }
        };
    }

    public IPage Page { get; }

    public Uri Gateway => system.GatewayAddress;

    public static async Task<GatewayTab> OpenAsync(IBrowser browser, SystemFixture system, string journey, params Uri[] alsoAllowed)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        return new GatewayTab(system, context, page, journey, alsoAllowed);
    }

    /// <summary>Types an address into the bar: only for the first page of a journey or a page no link leads to.</summary>
    public async Task GotoAsync(string pathAndQuery)
    {
        var response = await Page.GotoAsync(new Uri(system.GatewayAddress, pathAndQuery).ToString());
        Assert.NotNull(response);
    }

    /// <summary>On the gateway's sign-in page (whatever page asked for it), signs in with a development user.</summary>
    public async Task SignInHereAsync(string userId)
    {
        await ExpectSignInPageAsync();
        await Page.FillAsync("#userId", userId);
        await Page.FillAsync("#password", TitleReview.ServiceDefaults.Identity.DevelopmentUsers.Password);
        await Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "登录", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.Locator("h1")).Not.ToHaveTextAsync("后台登录");
    }

    public async Task ExpectSignInPageAsync()
    {
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("后台登录");
        Assert.Equal(system.GatewayAddress.Authority, new Uri(Page.Url).Authority);
        Assert.Equal("/account/login", new Uri(Page.Url).AbsolutePath);
    }

    /// <summary>The signed-in header: the person's name and a sign-out button.</summary>
    public async Task ExpectSignedInAsAsync(string displayName)
    {
        await Assertions.Expect(Page.Locator("header .who .person")).ToHaveTextAsync(displayName);
        await Assertions.Expect(Page.Locator("header").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "退出登录" })).ToBeVisibleAsync();
    }

    /// <summary>Clicks a link of the header's navigation (系统导航) and waits for the page it names.</summary>
    public async Task NavigateAsync(string label, string path)
    {
        await Page.GetByRole(AriaRole.Navigation, new PageGetByRoleOptions { Name = "系统导航" })
            .GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = label, Exact = true }).ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("^" + Regex.Escape(new Uri(system.GatewayAddress, path).ToString()) + "([?#].*)?$"));
    }

    /// <summary>The green banner after a done action (PRG); an empty state is a status too, so the banner is found by its text.</summary>
    public async Task ExpectSuccessAsync(string text) =>
        await Assertions.Expect(Page.Locator("[role=status]", new PageLocatorOptions { HasText = text })).ToBeVisibleAsync();

    /// <summary>
    /// The row of a paged table that names <paramref name="text"/>: lists are shared by every test, so follow the list's
    /// own pager (its 下一页 link) as a reader would until the row shows.
    /// </summary>
    public async Task<ILocator> RowAsync(string table, string pagerLabel, string text)
    {
        for (var pages = 0; pages < 50; pages++)
        {
            var row = Page.Locator($"{table} tbody tr", new PageLocatorOptions { HasText = text });
            if (await row.CountAsync() > 0)
            {
                return row;
            }

            var next = Page.GetByRole(AriaRole.Navigation, new PageGetByRoleOptions { Name = pagerLabel }).GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "下一页" });
            Assert.True(await next.CountAsync() > 0, $"{text} is in no page of {table} ({Page.Url})");
            await next.ClickAsync();
        }

        throw new InvalidOperationException($"{text} not found in 50 pages of {table}");
    }

    public async Task SignOutAsync()
    {
        await Page.Locator("header").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "退出登录" }).ClickAsync();
    }

    /// <summary>
    /// A step of the journey: the page is on the gateway (or an allowed provider), screenshot, then axe; the rule ids in
    /// <paramref name="alsoForbidden"/> fail the step at any impact (from the same axe run).
    /// </summary>
    public async Task StepAsync(string name, params string[] alsoForbidden)
    {
        await Page.WaitForLoadStateAsync(LoadState.Load);
        var url = new Uri(Page.Url);
        Assert.True(allowed.Contains(url.Authority), $"step {name} is at {Page.Url}, not through the gateway");
        step++;
        var file = $"gateway-{journey}-{step:00}-{name}";
        var reached = clock.Elapsed;
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath(file + ".png"), FullPage = true });
        var shot = clock.Elapsed;
        await Accessibility.AssertNoSeriousViolationsAsync(Page, file, alsoForbidden);
        timings.Add($"{name} at {reached.TotalSeconds:0.0} s (screenshot {(shot - reached).TotalSeconds:0.0} s, axe {(clock.Elapsed - shot).TotalSeconds:0.0} s)");
    }

    /// <summary>Nothing the browser asked for went around the gateway (no service port, no outside address).</summary>
    public void AssertOnlyThroughTheGateway()
    {
        lock (offGateway)
        {
            Assert.True(offGateway.Count == 0, "requests around the gateway:\n" + string.Join("\n", offGateway.Distinct().Take(10)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        // How long the person spent in the browser (set-up over the APIs not counted): the journeys aim at under a minute.
        await File.AppendAllTextAsync(Browser.ScreenshotPath("gateway-timings.txt"),
            $"{DateTimeOffset.Now:HH:mm:ss} {journey}: {clock.Elapsed.TotalSeconds:0.0} s in the browser, {step} steps: {string.Join("; ", timings)}\n");
        await context.DisposeAsync();
    }
}
