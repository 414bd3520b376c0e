using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.BrowserTests;

/// <summary>
/// The publicity officer's desk in Chromium: signed in on the page, an approval waiting, published with one button,
/// then an objection (its text hostile markup, shown as text) upheld only after the second, confirming button.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class PublicityDeskBrowserTests(SystemFixture system)
{
    private const string Hostile = "<img src=x onerror=alert(1)>该申报人的业绩材料与实际情况不符。";

    private readonly Journey journey = new(system);

    [Fact]
    public async Task The_officer_publishes_from_the_desk_and_upholds_an_objection_after_confirming()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var id = await journey.SubmitAsync("公示台浏览");
        await journey.WaitUntilQueuedForReviewAsync(id);
        await journey.ApproveAsync(id);
        await Eventually.ReturnsAsync<JsonElement?>(
            async () => await system.PublicityApi.GetFromJsonAsync<JsonElement>("/api/publicity/pending"),
            pending => pending!.Value.EnumerateArray().Any(e => e.GetProperty("id").GetGuid() == id),
            TimeSpan.FromSeconds(60), $"application {id} pending publicity");

        var (playwright, browser) = await Browser.LaunchAsync();
        await using (browser)
        using (playwright)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            var page = await context.NewPageAsync();
            page.Dialog += (_, dialog) => dialog.DismissAsync();
            await page.GotoAsync(new Uri(system.PublicityAddress, "/publicity-desk").ToString());
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("后台登录");
            await page.FillAsync("#userId", "officer-sun");
            await page.FillAsync("#password", DevelopmentUsers.Password);
            await page.ClickAsync("button[type=submit]");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("公示管理");
            await Assertions.Expect(page.Locator("#pending-table")).ToContainTextAsync("公示台浏览");
            await Assertions.Expect(page.Locator(".calendar-state")).ToContainTextAsync("工作日历已载入至");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("publicity-desk.png"), FullPage = true });
            await Accessibility.AssertNoSeriousViolationsAsync(page, "publicity-desk");

            await page.ClickAsync("text=立即发布公示");
            await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("已发布公示");
            await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("2023年6月7日");
            await Assertions.Expect(page.Locator("#notices-table")).ToContainTextAsync("公示中");
            Assert.Contains("published", await system.Infrastructure.EventTypesAsync(id));

            var objection = await LodgeAsync(id);
            await page.GotoAsync(new Uri(system.PublicityAddress, "/publicity-desk/objections").ToString());
            var item = page.Locator($"section.objection-item:has(#objection-{objection:N})");
            await Assertions.Expect(item.Locator(".objection-text")).ToHaveTextAsync(Hostile);
            Assert.Equal(0, await item.Locator("img").CountAsync());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("publicity-desk-objections.png"), FullPage = true });
            await Accessibility.AssertNoSeriousViolationsAsync(page, "publicity-desk-objections");

            // Upholding refuses the application for good: the first button only asks; nothing happens until the second.
            await item.Locator($"#uphold-{objection:N}").FillAsync("业绩材料系伪造。");
            await item.Locator("details.confirm summary").ClickAsync();
            await Assertions.Expect(item.Locator(".confirm-body")).ToContainTextAsync("不能撤销");
            Assert.DoesNotContain("objection_resolved", await system.Infrastructure.EventTypesAsync(id));
            await item.Locator(".confirm-body button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator("[role=status]")).ToHaveTextAsync("已认定异议成立：该申报不予通过。");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("publicity-desk-upheld.png"), FullPage = true });
        }

        Assert.Equal(1, await system.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type = 'objection_resolved' and (data->>'Upheld')::boolean and headers->>'user-id' = 'officer-sun'",
            ("id", id)));
    }

    private async Task<Guid> LodgeAsync(Guid id)
    {
        using var anonymous = system.NewPublicityClient();
        using var lodged = await anonymous.PostAsJsonAsync("/api/publicity/objections", new { applicationId = id, summary = Hostile, contactName = "王先生", contact = "0510-88888888" });
        Assert.Equal(HttpStatusCode.Created, lodged.StatusCode);
        return (await lodged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
