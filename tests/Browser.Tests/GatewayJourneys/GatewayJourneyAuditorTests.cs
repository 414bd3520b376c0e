using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TitleReview.BrowserTests.GatewayJourneys;

/// <summary>
/// An auditor's day through the gateway: 周审计 searches by name, reads an application's timeline, starts a replay of
/// the whole ledger and watches its page refresh itself until it has finished (waiting on the page, never a sleep).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed partial class GatewayJourneyAuditorTests(SystemFixture system, GatewayBrowserFixture chromium) : IClassFixture<GatewayBrowserFixture>
{
    [Fact]
    public async Task An_auditor_searches_reads_a_timeline_and_runs_a_verification_to_the_end()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var journey = new Journey(system);
        var name = $"网关审计{Guid.NewGuid().ToString("N")[..4]}";
        var id = await journey.SubmitAsync(name);
        await journey.WaitUntilQueuedForReviewAsync(id);
        await journey.ApproveAsync(id);
        // Audit's search reads its own fold of the ledger: wait until it has the approval.
        await Eventually.ReturnsAsync<string?>(async () => await system.AuditApi.GetStringAsync($"/api/audit/applications?name={Uri.EscapeDataString(name)}"),
            found => found!.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase) && found.Contains("FinalApproved", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "audit's search to find the approved application");

        await using var tab = await GatewayTab.OpenAsync(chromium.Browser, system, "auditor");
        var page = tab.Page;
        await tab.GotoAsync("/audit");
        await tab.SignInHereAsync("auditor-zhou");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("申报查询");
        await tab.ExpectSignedInAsAsync("周审计");
        await tab.StepAsync("search");

        await page.GetByLabel("姓名").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "查询" }).ClickAsync();
        // The form sends its empty filters too (status=&from=&to=); minimal APIs refuse an empty value for a nullable
        // enum or date (dotnet/aspnetcore#65754), so Audit answers 400. Noted, the rest of the day walked from the same
        // query without the empty fields, and the test fails at the end naming this step.
        string? searchForm = null;
        if (await page.Locator("h1").CountAsync() == 0)
        {
            searchForm = $"the 查询 form on /audit sent {new Uri(page.Url).PathAndQuery} and got: {await page.InnerTextAsync("body")}";
            await tab.GotoAsync($"/audit?name={Uri.EscapeDataString(name)}");
        }

        var row = page.Locator("#search-results tbody tr", new PageLocatorOptions { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("终审通过");
        await tab.StepAsync("found");

        await row.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = name }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"申报审计：{name}");
        var timeline = page.Locator("ol.timeline");
        await Assertions.Expect(timeline).ToContainTextAsync("提交申报");
        await Assertions.Expect(timeline).ToContainTextAsync("终审通过");
        await tab.StepAsync("timeline");

        await page.Locator("nav.breadcrumbs").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "审计查询" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "规则核验（全量重放）" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("规则核验");
        await tab.StepAsync("verifications");

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "开始全量核验" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(RunPage());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("全量核验");
        // The page reloads itself every 2 s while the run goes; the badge reads 已完成 once it has replayed everything.
        await Assertions.Expect(page.Locator("main p .badge").First).ToContainTextAsync("已完成", new LocatorAssertionsToContainTextOptions { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("progress")).ToHaveAttributeAsync("value", "100");
        await Assertions.Expect(page.Locator("meta[http-equiv=refresh]")).ToHaveCountAsync(0);
        await tab.StepAsync("run-finished");

        await page.Locator("nav.breadcrumbs").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "规则核验" }).ClickAsync();
        await Assertions.Expect(page.Locator("#runs tbody tr").First).ToContainTextAsync("已完成");
        await Assertions.Expect(page.Locator("#runs tbody tr").First).ToContainTextAsync("auditor-zhou");
        await tab.StepAsync("runs");
        tab.AssertOnlyThroughTheGateway();
        Assert.True(searchForm is null, searchForm);
    }

    [GeneratedRegex(@"/audit/verifications/[0-9a-f-]{36}$")]
    private static partial Regex RunPage();
}
