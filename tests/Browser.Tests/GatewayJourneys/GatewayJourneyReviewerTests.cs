using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TitleReview.Contracts;

namespace TitleReview.BrowserTests.GatewayJourneys;

/// <summary>
/// A reviewer's day through the gateway (issue #15): one sign-in, the queue, an application, claim, a revision with
/// comments on two modules, the portal's resubmission, the changed module marked, a checklist item checked with a note,
/// approval behind its confirmation. The header names 王审核 and offers sign-out throughout.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class GatewayJourneyReviewerTests(SystemFixture system, GatewayBrowserFixture chromium) : IClassFixture<GatewayBrowserFixture>
{
    private readonly Journey journey = new(system);

    [Fact]
    public async Task A_reviewer_signs_in_once_and_takes_an_application_from_the_queue_to_approval()
    {
        var name = $"网关审{Guid.NewGuid().ToString("N")[..4]}";
        var (id, request) = await journey.SubmitCompleteAsync(name);
        await journey.WaitUntilQueuedForReviewAsync(id);

        await using var tab = await GatewayTab.OpenAsync(chromium.Browser, system, "reviewer");
        var page = tab.Page;
        await tab.GotoAsync("/review");
        await tab.ExpectSignInPageAsync();
        await tab.StepAsync("sign-in");
        await tab.SignInHereAsync("reviewer-wang");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("待审队列");
        await tab.ExpectSignedInAsAsync("王审核");
        // Newest first by the table's sortable header, so the fresh application is on the first page. (The 筛选 form
        // with its filters left empty sends status=&level=&from=&to= and Review answers 400: reported, not used here.)
        await page.Locator("th a", new PageLocatorOptions { HasText = "提交时间" }).ClickAsync();
        await Assertions.Expect(page.Locator("th[aria-sort=descending]")).ToContainTextAsync("提交时间");
        var row = page.Locator("tbody tr", new PageLocatorOptions { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("未认领");
        await tab.StepAsync("queue");

        await row.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = name }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"申报审核：{name}");
        await tab.ExpectSignedInAsAsync("王审核");
        await tab.StepAsync("application");

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "认领审核" }).ClickAsync();
        await tab.ExpectSuccessAsync("已认领，请开始审核。");
        await tab.StepAsync("claimed");

        await page.GetByLabel($"{ApplicationModules.Label(ApplicationModules.Basic)} 修改意见").FillAsync("工作单位名称与劳动合同不一致，请更正。");
        await page.GetByLabel($"{ApplicationModules.Label(ApplicationModules.AcademicOutputs)} 修改意见").FillAsync("论文请补充期刊封面与目录页。");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "退回修改", Exact = true }).ClickAsync();
        await tab.ExpectSuccessAsync("已退回申报人修改。");
        var revision = page.Locator("section", new PageLocatorOptions { Has = page.Locator("h2", new PageLocatorOptions { HasText = "最近一次退回意见" }) });
        await Assertions.Expect(revision).ToContainTextAsync("工作单位名称与劳动合同不一致，请更正。");
        await Assertions.Expect(revision).ToContainTextAsync("论文请补充期刊封面与目录页。");
        await tab.StepAsync("revision-requested");

        // The portal resubmits with the corrected employer (its API, not the browser).
        using (var resubmitted = await system.IntakeApi.PostAsJsonAsync($"/api/applications/{id}/resubmission", request with { Employer = "无锡某机械股份有限公司" }, Journey.Json))
        {
            Assert.Equal(HttpStatusCode.OK, resubmitted.StatusCode);
            Assert.Equal([ApplicationModules.Label(ApplicationModules.Basic)],
                (await resubmitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changedModules").EnumerateArray().Select(m => m.GetString()));
        }

        await Eventually.ReturnsAsync<JsonElement?>(async () => await system.ReviewApi.GetFromJsonAsync<JsonElement>($"/api/review/queue/{id}"),
            item => item!.Value.GetProperty("status").GetString() == "Resubmitted", TimeSpan.FromSeconds(30), "the resubmission to reach the review queue");
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "申报审核", Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "我认领的" }).ClickAsync();
        row = page.Locator("tbody tr", new PageLocatorOptions { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync($"已修改：{ApplicationModules.Label(ApplicationModules.Basic)}");
        await Assertions.Expect(row).ToContainTextAsync("无锡某机械股份有限公司");
        await tab.StepAsync("queue-resubmitted");

        await row.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = name }).ClickAsync();
        await Assertions.Expect(page.Locator("p.changed")).ToContainTextAsync($"本次重新提交修改了：{ApplicationModules.Label(ApplicationModules.Basic)}");
        await tab.StepAsync("resubmitted");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "认领审核" }).ClickAsync();
        await tab.ExpectSuccessAsync("已认领，请开始审核。");

        // One checklist item checked with a note: it then reads 已核对, by whom, with the note.
        var item = page.Locator("li.check-item", new PageLocatorOptions { HasText = "中国知网学术文献检测" }).First;
        var itemId = await item.GetAttributeAsync("id");
        await item.GetByLabel("核对备注（可选，500 字以内）").FillAsync("知网检测重复率 3%，本人第一作者。");
        await item.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "记录已核对" }).ClickAsync();
        await tab.ExpectSuccessAsync("已记录核对。");
        var checkedItem = page.Locator($"li#{itemId}");
        await Assertions.Expect(checkedItem).ToContainTextAsync("已核对 · 王审核（reviewer-wang）");
        await Assertions.Expect(checkedItem).ToContainTextAsync("知网检测重复率 3%，本人第一作者。");
        await tab.StepAsync("checklist-checked");

        // Approval asks once more: the first button only opens the question.
        var approval = page.Locator("form.action-approval");
        await approval.Locator("summary", new LocatorLocatorOptions { HasText = "终审通过" }).ClickAsync();
        await Assertions.Expect(approval.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "确认终审通过" })).ToBeVisibleAsync();
        await tab.StepAsync("approval-question");
        await approval.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "确认终审通过" }).ClickAsync();
        await tab.ExpectSuccessAsync("已终审通过。");
        await tab.ExpectSignedInAsAsync("王审核");
        await tab.StepAsync("approved");
        tab.AssertOnlyThroughTheGateway();

        await journey.StatusBecomesAsync(id, "FinalApproved");
        Assert.Equal(1, await system.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type = 'final_approved' and headers->>'user-id' = 'reviewer-wang'", ("id", id)));
    }
}
