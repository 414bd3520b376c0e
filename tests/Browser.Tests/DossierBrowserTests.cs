using Microsoft.Playwright;
using TitleReview.Contracts;

namespace TitleReview.BrowserTests;

/// <summary>The complete application on the reviewer's page in Chromium: every module, the checklist, a download.</summary>
[Collection(SystemCollection.Name)]
public sealed class DossierBrowserTests(SystemFixture system)
{
    [Fact]
    public async Task A_reviewer_reads_the_thirteen_modules_and_the_checklist_and_downloads_a_file()
    {
        var journey = new Journey(system);
        var (id, _) = await journey.SubmitCompleteAsync($"全模块{Guid.NewGuid().ToString("N")[..4]}");
        await journey.WaitUntilQueuedForReviewAsync(id);

        var (playwright, browser) = await Browser.LaunchAsync();
        await using (browser)
        using (playwright)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, AcceptDownloads = true });
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(system.ReviewAddress, $"/review/applications/{id}").ToString());
            await page.FillAsync("#userId", "reviewer-li");
            await page.FillAsync("#password", "dev-password");
            await page.ClickAsync("button[type=submit]");

            foreach (var module in ApplicationModules.All.Except([ApplicationModules.Declaration]))
            {
                await Assertions.Expect(page.Locator("h3", new PageLocatorOptions { HasText = ApplicationModules.Label(module) })).ToBeVisibleAsync();
            }

            // Each checklist item sits beside the module it concerns.
            await Assertions.Expect(page.Locator("#module-AcademicOutputs .checklist").First).ToContainTextAsync("中国知网学术文献检测");
            await Assertions.Expect(page.Locator("#module-Education .checklist").First).ToContainTextAsync("核验学历");
            await Assertions.Expect(page.Locator("td", new PageLocatorOptions { HasText = "《关于数控机床主轴箱改进设计的技术总结报告》" }).First).ToBeVisibleAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("review-dossier.png"), FullPage = true });

            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#module-WorkSummary table a").ClickAsync());
            Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
            Assert.Null(await download.FailureAsync());
        }
    }
}
