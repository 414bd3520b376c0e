using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.BrowserTests;

/// <summary>
/// Finance's desk in Chromium: the lists, the chart of assessed vs collected, a refund recorded through the page's form,
/// and a reconciliation report's differences, after signing in on the page as a finance officer.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class FinanceDeskBrowserTests(SystemFixture system)
{
    private readonly Journey journey = new(system);

    [Fact]
    public async Task Finance_sees_the_desk_records_a_refund_in_the_page_and_reads_a_reports_differences()
    {
        var (id, fee) = await journey.AssessedAsync("财务浏览");
        (await journey.NotifyAsync(Journey.Notification(fee, id: $"B1-{fee.Reference}"))).Dispose();
        (await journey.NotifyAsync(Journey.Notification(fee, id: $"B2-{fee.Reference}"))).Dispose();
        var statement = $"交易流水号,缴款码,金额,交易时间,渠道\nT-{fee.Reference},{fee.Reference},300.00,2023-06-01 12:00:00,unionpay\nT-UNKNOWN-{fee.Reference},XSGC2023-NOPE0000,88.00,2023-06-01 12:05:00,unionpay\n";
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(statement));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", $"statement-{fee.Reference}.csv");
        using (var uploaded = await system.PaymentApi.PostAsync("/api/reconciliation/statements", form))
        {
            Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        }

        var (playwright, browser) = await Browser.LaunchAsync();
        await using (browser)
        using (playwright)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            var page = await context.NewPageAsync();
            page.Dialog += (_, dialog) => dialog.AcceptAsync();
            await page.GotoAsync(new Uri(system.PaymentAddress, "/finance").ToString());
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("后台登录");
            await page.FillAsync("#userId", "finance-qian");
            await page.FillAsync("#password", DevelopmentUsers.Password);
            await page.ClickAsync("button[type=submit]");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("财务概览");
            await Assertions.Expect(page.Locator("svg[role=img]")).ToBeVisibleAsync();
            Assert.True(await page.Locator("svg[role=img] rect").CountAsync() > 10, "the chart draws bars");
            var row = page.Locator("#refunds-table tr", new PageLocatorOptions { HasText = $"B2-{fee.Reference}" });
            await Assertions.Expect(row).ToContainTextAsync("重复缴费");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("finance-desk.png"), FullPage = true });
            await Accessibility.AssertNoSeriousViolationsAsync(page, "finance-desk");

            await row.Locator("input[name=reason]").FillAsync("重复缴费，原路退回");
            await row.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "回单.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4 银行回单"u8.ToArray() });
            // A refund cannot be undone: the first button only asks; nothing is refunded until the confirming one.
            await row.Locator("details.confirm summary").ClickAsync();
            await Assertions.Expect(row.Locator(".confirm-body")).ToContainTextAsync("不能撤销");
            Assert.Equal(0, await system.Infrastructure.ScalarAsync(
                "select count(*) from ledger.mt_events where stream_id = @id and type = 'fee_refunded'", ("id", id)));
            await row.Locator(".confirm-body button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("已登记退费");
            await Assertions.Expect(page.Locator("#refunded-table")).ToContainTextAsync($"B2-{fee.Reference}");
            await Assertions.Expect(page.Locator("#refunds-table tr", new PageLocatorOptions { HasText = $"B2-{fee.Reference}" })).ToHaveCountAsync(0);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("finance-desk-refunded.png"), FullPage = true });

            await page.ClickAsync($"text=statement-{fee.Reference}.csv");
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("对账报告");
            await Assertions.Expect(page.Locator("table", new PageLocatorOptions { HasText = "XSGC2023-NOPE0000" }).First).ToContainTextAsync("缴款码不存在");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("finance-reconciliation-report.png"), FullPage = true });
            await Accessibility.AssertNoSeriousViolationsAsync(page, "finance-reconciliation-report");
        }

        Assert.Equal(1, await system.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type = 'fee_refunded' and headers->>'user-id' = 'finance-qian' and headers->>'user-role' = 'finance'",
            ("id", id)));
    }

    [Fact]
    public async Task The_desk_is_for_finance_only_and_a_forged_refund_form_is_refused()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = system.PaymentAddress };
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/finance")).StatusCode);
        using var reviewer = system.NewPaymentClient().As(Roles.Reviewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync("/finance")).StatusCode);

        using var finance = system.NewPaymentClient().As(Roles.Finance);
        using var forged = new MultipartFormDataContent { { new StringContent("x"), "paymentNotificationId" }, { new StringContent("理由"), "reason" } };
        using var refused = await finance.PostAsync("/finance/refunds", forged);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }
}
