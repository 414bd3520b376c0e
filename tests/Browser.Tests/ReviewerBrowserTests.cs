using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TitleReview.Testing;

namespace TitleReview.BrowserTests;

/// <summary>
/// A reviewer's day in Chromium: sign in, open the queue, claim a file, check a checklist item with a note, ask for a
/// revision, see the resubmission come back with its changes marked, approve (confirming). Screenshots in TestResults/screenshots.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ReviewerBrowserTests(SystemFixture system)
{
    private readonly Journey journey = new(system);

    [Fact]
    public async Task A_reviewer_claims_asks_for_a_revision_sees_the_resubmission_and_approves()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var name = $"浏览审{Guid.NewGuid().ToString("N")[..4]}";
        var idNumber = Journey.NewIdNumber();
        var id = await journey.SubmitAsync(name, idNumber);
        await journey.WaitUntilQueuedForReviewAsync(id);

        var (playwright, browser) = await Browser.LaunchAsync();
        await using (browser)
        using (playwright)
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            page.Dialog += (_, dialog) => dialog.AcceptAsync();
            await page.GotoAsync(new Uri(system.ReviewAddress, "/review").ToString());
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("后台登录");
            await page.FillAsync("#userId", "reviewer-wang");
            await page.FillAsync("#password", "dev-password");
            await page.ClickAsync("button[type=submit]");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("待审队列");
            await PagedLists.OpenPageShowingAsync(page, system.ReviewAddress, $"/review?specialty={Uri.EscapeDataString("机械")}&sort=Newest", name);
            await Assertions.Expect(page.Locator("td a", new PageLocatorOptions { HasText = name })).ToBeVisibleAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("review-queue.png"), FullPage = true });

            await page.ClickAsync($"text={name}");
            await page.ClickAsync("form.action-claim button");
            await Assertions.Expect(page.Locator("[role=status]")).ToHaveTextAsync("已认领，请开始审核。");

            // The checklist item sits beside its module; the claimant records it as checked, with a note.
            var item = page.Locator("#module-Basic li.check-item").First;
            await item.Locator("textarea[name=note]").FillAsync("已与劳动合同、社保记录核对。");
            await item.Locator("form.check-form button").ClickAsync();
            await Assertions.Expect(page.Locator("[role=status]")).ToHaveTextAsync("已记录核对。");
            await Assertions.Expect(page.Locator("#module-Basic li.check-item .check-record").First).ToContainTextAsync("已核对 · 王审核");
            await Assertions.Expect(page.Locator("#module-Basic li.check-item .check-record").First).ToContainTextAsync("已与劳动合同、社保记录核对。");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("review-checklist-checked.png"), FullPage = true });

            await page.FillAsync("textarea[name=basicComment]", "工作单位名称与劳动合同不一致，请更正。");
            await page.ClickAsync("form.action-revision button");
            await Assertions.Expect(page.Locator("[role=status]")).ToHaveTextAsync("已退回申报人修改。");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("review-revision-requested.png"), FullPage = true });

            // The portal resubmits with the corrected employer.
            var corrected = JsonSerializer.SerializeToElement(Journey.Application(name, idNumber: idNumber)).Deserialize<Dictionary<string, object>>()!;
            corrected["employer"] = "无锡某机械股份有限公司";
            using (var resubmitted = await system.IntakeApi.PostAsJsonAsync($"/api/applications/{id}/resubmission", corrected))
            {
                Assert.Equal(HttpStatusCode.OK, resubmitted.StatusCode);
                Assert.Equal(["基本信息"], (await resubmitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changedModules").EnumerateArray().Select(m => m.GetString()));
            }

            await Eventually.ReturnsAsync<JsonElement?>(async () => await system.ReviewApi.GetFromJsonAsync<JsonElement>($"/api/review/queue/{id}"),
                item => item!.Value.GetProperty("status").GetString() == "Resubmitted", TimeSpan.FromSeconds(60), "the resubmission to reach the review queue");
            await page.GotoAsync(new Uri(system.ReviewAddress, "/review?mine=true&status=Resubmitted").ToString());
            var row = page.Locator("tr", new PageLocatorOptions { HasText = name });
            await Assertions.Expect(row).ToContainTextAsync("已修改：基本信息");
            await Assertions.Expect(row).ToContainTextAsync("无锡某机械股份有限公司");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("review-returned.png"), FullPage = true });

            await page.ClickAsync($"text={name}");
            await Assertions.Expect(page.Locator("#module-Basic h3")).ToContainTextAsync("本次重新提交已修改");
            await Assertions.Expect(page.Locator("#module-Basic")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bchanged\\b"));
            await Assertions.Expect(page.Locator("#module-Basic .check-record").First).ToContainTextAsync("已核对 · 王审核");
            await page.ClickAsync("form.action-claim button");
            // Final approval asks once more (no script): open the question, then confirm.
            await page.ClickAsync("form.action-approval summary");
            await page.ClickAsync("form.action-approval .confirm-body button[type=submit]");
            await Assertions.Expect(page.Locator("[role=status]")).ToHaveTextAsync("已终审通过。");
            await Assertions.Expect(page.Locator("ol.timeline")).ToContainTextAsync("修改后重新提交");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("review-approved.png"), FullPage = true });
        }

        await journey.StatusBecomesAsync(id, "FinalApproved");
        var types = await system.Infrastructure.EventTypesAsync(id);
        Assert.Equal(["application_submitted", "review_started", "checklist_item_checked", "revision_requested", "application_resubmitted", "review_started", "final_approved"], types.Take(7));
        Assert.Equal(1, await system.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type = 'checklist_item_checked' and data->>'CheckedBy' = 'reviewer-wang' and data->>'Note' = '已与劳动合同、社保记录核对。'", ("id", id)));
        Assert.Equal(1, await system.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type = 'final_approved' and headers->>'user-id' = 'reviewer-wang' and headers->>'user-role' = 'reviewer'", ("id", id)));
    }

    [Fact]
    public async Task A_hostile_applicant_name_shows_as_text_on_every_review_page()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        const string hostile = "<script>alert(1)</script>";
        var id = await journey.SubmitAsync(hostile);
        await journey.WaitUntilQueuedForReviewAsync(id);

        var (playwright, browser) = await Browser.LaunchAsync();
        await using (browser)
        using (playwright)
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN" });
            var alerts = 0;
            page.Dialog += (_, dialog) =>
            {
                if (dialog.Type == "alert")
                {
                    alerts++;
                }

                _ = dialog.AcceptAsync();
            };
            await page.GotoAsync(new Uri(system.ReviewAddress, "/account/login").ToString());
            await page.FillAsync("#userId", "reviewer-li");
            await page.FillAsync("#password", "dev-password");
            await page.ClickAsync("button[type=submit]");

            await PagedLists.OpenPageShowingAsync(page, system.ReviewAddress, "/review?sort=Newest", hostile);
            await Assertions.Expect(page.Locator("td a", new PageLocatorOptions { HasText = hostile }).First).ToBeVisibleAsync();
            await page.GotoAsync(new Uri(system.ReviewAddress, $"/review/applications/{id}").ToString());
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"申报审核：{hostile}");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("review-hostile-name.png"), FullPage = true });
            Assert.Equal(0, alerts);
            Assert.Equal(0, await page.Locator("script").CountAsync());
        }
    }
}
