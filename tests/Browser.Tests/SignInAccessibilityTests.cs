using Microsoft.Playwright;

namespace TitleReview.BrowserTests;

/// <summary>The shared page frame itself passes axe: the sign-in page (public) and a signed-in page's header.</summary>
[Collection(SystemCollection.Name)]
public sealed class SignInAccessibilityTests(SystemFixture system)
{
    [Fact]
    public async Task The_sign_in_page_has_no_serious_accessibility_violation()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        await using (browser)
        using (playwright)
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            await page.GotoAsync(new Uri(system.ReviewAddress, "/account/login").ToString());
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("后台登录");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("sign-in.png"), FullPage = true });
            await Accessibility.AssertNoSeriousViolationsAsync(page, "sign-in");

            await page.FillAsync("#userId", "reviewer-wang");
            await page.FillAsync("#password", "wrong");
            await page.ClickAsync("button[type=submit]");
            await Assertions.Expect(page.Locator("[role=alert]")).ToHaveTextAsync("用户名或密码错误。");
            await Accessibility.AssertNoSeriousViolationsAsync(page, "sign-in-refused");
        }
    }
}
