using Microsoft.Playwright;

namespace TitleReview.BrowserTests.GatewayJourneys;

/// <summary>
/// The reviewer's sign-in through the organisation's identity provider (the development OpenID Connect provider) in
/// Chromium: the gateway's 使用统一身份认证登录, the provider's own form, back to the queue signed in, one application,
/// and a sign-out that ends both sessions (the provider asks for the password again).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class GatewayJourneyOidcTests(SystemFixture system, GatewayBrowserFixture chromium) : IClassFixture<GatewayBrowserFixture>
{
    [Fact]
    public async Task A_reviewer_signs_in_through_the_identity_provider_works_and_signing_out_ends_both_sessions()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var journey = new Journey(system);
        var name = $"统一认证{Guid.NewGuid().ToString("N")[..4]}";
        var id = await journey.SubmitAsync(name);
        await journey.WaitUntilQueuedForReviewAsync(id);

        await using var tab = await GatewayTab.OpenAsync(chromium.Browser, system, "oidc", system.IdentityProviderAddress);
        var page = tab.Page;
        await tab.GotoAsync("/review");
        await tab.ExpectSignInPageAsync();
        await tab.StepAsync("gateway-sign-in");

        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "使用统一身份认证登录" }).ClickAsync();
        await ExpectProviderFormAsync(page);
        // The provider's page is not the gateway's frame: it must bring its own <main> (axe rates these two moderate).
        await tab.StepAsync("provider-sign-in", "landmark-one-main", "region");
        await page.FillAsync("#userId", "reviewer-wang");
        await page.FillAsync("#password", TitleReview.ServiceDefaults.Identity.DevelopmentUsers.Password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "登录" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("待审队列");
        Assert.Equal(new Uri(system.GatewayAddress, "/review"), new Uri(page.Url));
        await tab.ExpectSignedInAsAsync("王审核");
        await tab.StepAsync("queue");

        await page.Locator("th a", new PageLocatorOptions { HasText = "提交时间" }).ClickAsync();
        await page.Locator("tbody tr", new PageLocatorOptions { HasText = name }).GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = name }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"申报审核：{name}");
        await tab.ExpectSignedInAsAsync("王审核");
        await tab.StepAsync("application");

        await tab.SignOutAsync();
        await tab.ExpectSignInPageAsync();
        await tab.StepAsync("signed-out");

        // Both sessions ended: the gateway asks again, and the provider shows its form instead of signing straight back in.
        await tab.GotoAsync("/review");
        await tab.ExpectSignInPageAsync();
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "使用统一身份认证登录" }).ClickAsync();
        await ExpectProviderFormAsync(page);
        tab.AssertOnlyThroughTheGateway();
    }

    private async Task ExpectProviderFormAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("统一身份认证");
        Assert.Equal(system.IdentityProviderAddress.Authority, new Uri(page.Url).Authority);
        await Assertions.Expect(page.Locator("#password")).ToBeVisibleAsync();
    }
}
