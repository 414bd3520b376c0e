using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TitleReview.BrowserTests;

[Collection(SystemCollection.Name)]
public sealed partial class PublicityPageBrowserTests(SystemFixture system)
{
    private readonly Journey journey = new(system);

    [Fact]
    public async Task The_public_page_lists_the_notice_without_personal_numbers_and_takes_an_objection()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var id = await journey.ApprovedAndPublishedAsync("浏览器测试人", "320200199001011235");

        var (playwright, browser) = await Browser.LaunchAsync();
        await using (browser)
        using (playwright)
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
            var response = await page.GotoAsync(new Uri(system.PublicityAddress, "/publicity").ToString());
            Assert.Equal((int)HttpStatusCode.OK, response!.Status);
            await PagedLists.OpenPageShowingAsync(page, system.PublicityAddress, "/publicity", "浏览器测试人");

            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("评审公示");
            await Assertions.Expect(page.Locator("td", new PageLocatorOptions { HasText = "浏览器测试人" }).First).ToBeVisibleAsync();
            var text = await page.InnerTextAsync("body");
            Assert.Contains("无锡某机械有限公司", text, StringComparison.Ordinal);
            Assert.Contains("异议受理截止：2023年6月7日", text, StringComparison.Ordinal);
            Assert.Contains("工程师（中级）", text, StringComparison.Ordinal);
            // The applicant's 身份证 number was submitted to Intake (320200199001011235); nothing like it, nor a mobile number, is public.
            Assert.DoesNotContain("320200199001011235", text, StringComparison.Ordinal);
            Assert.DoesNotMatch(IdNumber(), text);
            Assert.DoesNotMatch(MobileNumber(), text);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("publicity-page.png"), FullPage = true });

            // The public page holds no application id; the form names the notice and the row.
            Assert.DoesNotContain(id.ToString(), await page.ContentAsync(), StringComparison.OrdinalIgnoreCase);
            var option = await page.Locator("#entry option", new PageLocatorOptions { HasText = "浏览器测试人" }).First.GetAttributeAsync("value");
            await page.SelectOptionAsync("#entry", option!);
            await page.FillAsync("#summary", "该申报人业绩材料中的项目并非本人主持。");
            await page.FillAsync("#contactName", "李女士");
            await page.FillAsync("#contact", "someone@example.cn");
            var submitted = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit]"), r => r.Url.EndsWith("/publicity/objections", StringComparison.Ordinal));
            await page.WaitForLoadStateAsync();
            await File.WriteAllTextAsync(Browser.ScreenshotPath("after-submit.html"), await page.ContentAsync());
            Assert.True(submitted.Status is 302 or 200, $"The objection form answered {submitted.Status}: {await page.InnerTextAsync("body")}");
            await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("异议已提交");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("publicity-objection-lodged.png"), FullPage = true });
        }

        Assert.Contains("objection_lodged", await system.Infrastructure.EventTypesAsync(id));
    }

    [GeneratedRegex(@"\d{17}[\dXx]")]
    private static partial Regex IdNumber();

    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)")]
    private static partial Regex MobileNumber();
}
