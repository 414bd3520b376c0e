using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TitleReview.BrowserTests.GatewayJourneys;

/// <summary>
/// An admin moves through every part of the back office by the header's links after one sign-in, looks at the two
/// public pages, and after signing out every back-office page leads to the gateway's sign-in page.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class GatewayJourneyAdminTests(SystemFixture system, GatewayBrowserFixture chromium) : IClassFixture<GatewayBrowserFixture>
{
    private static readonly (string Label, string Path)[] Parts =
    [
        ("申报审核", "/review"),
        ("评审会议", "/committee"),
        ("公示管理", "/publicity-desk"),
        ("财务对账", "/finance"),
        ("审计查询", "/audit"),
    ];

    [Fact]
    public async Task An_admin_signs_in_once_walks_every_part_by_the_header_then_signs_out_of_all()
    {
        await using var tab = await GatewayTab.OpenAsync(chromium.Browser, system, "admin");
        var page = tab.Page;
        var signInShown = 0;
        page.Load += (_, loaded) =>
        {
            if (new Uri(loaded.Url).AbsolutePath == "/account/login")
            {
                Interlocked.Increment(ref signInShown);
            }
        };

        await tab.GotoAsync("/");
        await tab.SignInHereAsync("admin-wu");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("工作台");
        await tab.ExpectSignedInAsAsync("吴管理员");
        await Assertions.Expect(page.Locator("header .who .roles")).ToContainTextAsync("系统管理员");
        await tab.StepAsync("home");
        var signIns = signInShown;

        foreach (var (label, path) in Parts)
        {
            await tab.NavigateAsync(label, path);
            await tab.ExpectSignedInAsAsync("吴管理员");
            await Assertions.Expect(page.Locator("h1")).Not.ToHaveTextAsync("后台登录");
            await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new PageGetByRoleOptions { Name = "系统导航" })
                .GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = label, Exact = true })).ToHaveAttributeAsync("aria-current", "page");
            await tab.StepAsync(path.TrimStart('/'));
        }

        // The public pages have no back-office header; the admin types their addresses, then comes back signed in.
        await tab.GotoAsync("/publicity");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("公示");
        await tab.StepAsync("publicity");
        await tab.GotoAsync("/certificates/verify");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("证书");
        await tab.StepAsync("certificates-verify");
        await tab.GotoAsync("/review");
        await tab.ExpectSignedInAsAsync("吴管理员");
        Assert.Equal(signIns, signInShown);

        await tab.SignOutAsync();
        await tab.ExpectSignInPageAsync();
        await tab.StepAsync("signed-out");
        foreach (var (_, path) in Parts)
        {
            await tab.GotoAsync(path);
            await tab.ExpectSignInPageAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape($"/account/login?ReturnUrl={Uri.EscapeDataString(path)}") + "$"));
            await Assertions.Expect(page.Locator("header .who")).ToHaveCountAsync(0);
        }

        tab.AssertOnlyThroughTheGateway();
    }
}
