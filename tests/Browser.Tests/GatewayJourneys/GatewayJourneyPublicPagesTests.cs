using Microsoft.Playwright;

namespace TitleReview.BrowserTests.GatewayJourneys;

/// <summary>The public pages through the gateway, as anyone opens them (no sign-in): the notices and certificate verification pass axe.</summary>
[Collection(SystemCollection.Name)]
public sealed class GatewayJourneyPublicPagesTests(SystemFixture system, GatewayBrowserFixture chromium) : IClassFixture<GatewayBrowserFixture>
{
    [Fact]
    public async Task The_publicity_page_and_certificate_verification_pass_axe_without_signing_in()
    {
        await using var tab = await GatewayTab.OpenAsync(chromium.Browser, system, "public");
        var page = tab.Page;

        await tab.GotoAsync("/publicity");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("公示");
        Assert.Equal("/publicity", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.Locator("header .who")).ToHaveCountAsync(0);
        await tab.StepAsync("publicity");

        await tab.GotoAsync("/certificates/verify");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("证书");
        await tab.StepAsync("verify");
        // A number that does not exist: the answer says so, on a page that passes axe too.
        await page.GetByLabel("证书编号").FillAsync("XSGC-2023-Z-99999");
        await page.GetByLabel("持证人姓名").FillAsync("无此人");
        await page.GetByLabel("持证人姓名").PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("number=XSGC-2023-Z-99999"));
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("未查到该证书");
        await tab.StepAsync("verify-not-found");
        tab.AssertOnlyThroughTheGateway();
    }
}
