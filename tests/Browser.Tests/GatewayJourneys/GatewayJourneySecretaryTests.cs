using Microsoft.Playwright;

namespace TitleReview.BrowserTests.GatewayJourneys;

/// <summary>
/// The committee secretary's meeting through the gateway: 赵秘书 registers the meeting on the page, finds the application
/// that passed review, publicity and payment on its agenda, records the votes behind their confirmation, and reads the
/// decision; the committee's pass then leads to a certificate.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class GatewayJourneySecretaryTests(SystemFixture system, GatewayBrowserFixture chromium) : IClassFixture<GatewayBrowserFixture>
{
    private static readonly string[] Members = ["委员甲", "委员乙", "委员丙", "委员丁", "委员戊", "委员己", "委员庚", "委员辛", "委员壬"];

    [Fact]
    public async Task The_secretary_registers_a_meeting_records_the_votes_and_reads_the_decision()
    {
        var journey = new Journey(system);
        var name = $"网关会{Guid.NewGuid().ToString("N")[..4]}";
        var id = (await journey.AwaitingCommitteeAsync((name, Journey.NewIdNumber())))[0];

        await using var tab = await GatewayTab.OpenAsync(chromium.Browser, system, "secretary");
        var page = tab.Page;
        await tab.GotoAsync("/committee");
        await tab.SignInHereAsync("secretary-zhao");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("评审会议");
        await tab.ExpectSignedInAsAsync("赵秘书");
        await tab.StepAsync("meetings");

        await page.GetByLabel("会议日期").FillAsync("2023-06-08");
        await page.GetByLabel("评委名单（每行一人）").FillAsync(string.Join("\n", Members));
        await page.GetByLabel("出席委员（每行一人）").FillAsync(string.Join("\n", Members.Take(7)));
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "登记会议" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("评审会议 2023-06-08");
        await Assertions.Expect(page.Locator("dl.facts")).ToContainTextAsync("委员 9 人，出席 7 人");
        await Assertions.Expect(page.Locator("dl.facts")).ToContainTextAsync("已达到");
        var row = page.Locator("table.agenda tbody tr", new PageLocatorOptions { HasText = name });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await tab.StepAsync("agenda");

        await row.GetByLabel("赞成").FillAsync("6");
        await row.GetByLabel("反对").FillAsync("1");
        await row.GetByLabel("弃权").FillAsync("0");
        // A vote is final: the first button only asks; nothing is recorded until the confirming one.
        await row.Locator("summary", new LocatorLocatorOptions { HasText = "记录表决" }).ClickAsync();
        await Assertions.Expect(row.GetByText($"确认记录对 {name} 的表决结果？")).ToBeVisibleAsync();
        Assert.Equal(0, await CommitteeEventsAsync(id));
        await tab.StepAsync("vote-question");
        await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "确认记录表决" }).ClickAsync();
        await tab.ExpectSuccessAsync("已记录表决结果，评审决定已生效。");
        await Assertions.Expect(page.Locator("table.agenda tbody tr", new PageLocatorOptions { HasText = name })).ToHaveCountAsync(0);
        var decision = page.Locator("tbody tr", new PageLocatorOptions { HasText = name });
        await Assertions.Expect(decision).ToContainTextAsync("通过");
        await Assertions.Expect(decision.Locator("td.num")).ToHaveTextAsync(["6", "1", "0"]);
        await tab.StepAsync("decided");

        await page.Locator("nav.breadcrumbs").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "评审会议" }).ClickAsync();
        var meeting = page.Locator("tbody tr", new PageLocatorOptions { HasText = "2023-06-08" }).First;
        await Assertions.Expect(meeting).ToContainTextAsync("已达到");
        await tab.StepAsync("meetings-after");
        tab.AssertOnlyThroughTheGateway();

        Assert.Equal(1, await CommitteeEventsAsync(id));
        await journey.StatusBecomesAsync(id, "CertificateIssued");
    }

    private async Task<long> CommitteeEventsAsync(Guid id) =>
        Convert.ToInt64(await system.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type like 'committee%' and headers->>'user-id' = 'secretary-zhao'", ("id", id)),
            System.Globalization.CultureInfo.InvariantCulture);
}
