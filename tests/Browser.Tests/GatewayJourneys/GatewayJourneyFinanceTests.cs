using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace TitleReview.BrowserTests.GatewayJourneys;

/// <summary>
/// Finance's day through the gateway: 钱财务 reads the chart and an outstanding fee, sees the payment once recorded and
/// the platform's second notification of it as a refund due, and records the refund; the refund asks once more, and the
/// first click records nothing.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class GatewayJourneyFinanceTests(SystemFixture system, GatewayBrowserFixture chromium) : IClassFixture<GatewayBrowserFixture>
{
    [Fact]
    public async Task Finance_reads_the_desk_sees_a_payment_and_refunds_a_double_payment_after_confirming()
    {
        var journey = new Journey(system);
        var (id, fee) = await journey.AssessedAsync($"网关财{Guid.NewGuid().ToString("N")[..4]}");

        await using var tab = await GatewayTab.OpenAsync(chromium.Browser, system, "finance");
        var page = tab.Page;
        await tab.GotoAsync("/finance");
        await tab.SignInHereAsync("finance-qian");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("财务概览");
        await tab.ExpectSignedInAsAsync("钱财务");
        await Assertions.Expect(page.Locator("svg[role=img]").First).ToBeVisibleAsync();
        Assert.True(await page.Locator("svg[role=img] rect").CountAsync() > 10, "the chart draws bars");
        var outstanding = await tab.RowAsync("#outstanding-table", "应缴未缴分页", fee.Reference);
        await Assertions.Expect(outstanding).ToContainTextAsync("待缴");
        await tab.StepAsync("desk-outstanding");

        // Finance records the payment by hand (the API), then the platform reports the same fee paid once more.
        using (var recorded = await system.PaymentApi.PostAsJsonAsync("/api/payments", new { paymentReference = fee.Reference, amount = fee.Amount }))
        {
            Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        }

        (await journey.NotifyAsync(Journey.Notification(fee, id: $"G2-{fee.Reference}"))).Dispose();

        await tab.NavigateAsync("财务对账", "/finance");
        var paid = await tab.RowAsync("#payments-table", "已缴费分页", fee.Reference);
        await Assertions.Expect(paid.First).ToContainTextAsync("已缴");
        var due = await tab.RowAsync("#refunds-table", "待退费分页", $"G2-{fee.Reference}");
        await Assertions.Expect(due).ToContainTextAsync("重复缴费");
        await tab.StepAsync("desk-paid-twice");

        await due.GetByLabel("退费理由").FillAsync("重复缴费，原路退回");
        await due.GetByLabel("凭证（PDF/JPG/PNG）").SetInputFilesAsync(new FilePayload { Name = "回单.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4 银行回单"u8.ToArray() });
        var before = page.Url;
        await due.Locator("details.confirm summary", new LocatorLocatorOptions { HasText = "退费" }).ClickAsync();
        var confirm = due.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "确认退费" });
        await Assertions.Expect(confirm).ToBeVisibleAsync();
        await Assertions.Expect(due).ToContainTextAsync("退费登记后不能撤销");
        // The first click only asked: same page, no banner, nothing in the ledger.
        Assert.Equal(before, page.Url);
        await Assertions.Expect(page.Locator(".banner")).ToHaveCountAsync(0);
        Assert.Equal(0L, await RefundsAsync(id));
        await tab.StepAsync("refund-question");

        await confirm.ClickAsync();
        await tab.ExpectSuccessAsync($"已登记退费（到账记录 G2-{fee.Reference}）。");
        await Assertions.Expect(page.Locator("#refunds-table tbody tr", new PageLocatorOptions { HasText = $"G2-{fee.Reference}" })).ToHaveCountAsync(0);
        var refunded = await tab.RowAsync("#refunded-table", "已退费分页", $"G2-{fee.Reference}");
        await Assertions.Expect(refunded).ToContainTextAsync("重复缴费，原路退回");
        await tab.StepAsync("refunded");
        tab.AssertOnlyThroughTheGateway();

        Assert.Equal(1L, await RefundsAsync(id));
    }

    private async Task<long> RefundsAsync(Guid id) =>
        Convert.ToInt64(await system.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type = 'fee_refunded' and headers->>'user-id' = 'finance-qian'", ("id", id)),
            System.Globalization.CultureInfo.InvariantCulture);
}
