using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace TitleReview.SystemTests;

/// <summary>
/// A person's sign-in cookie is what a forged cross-site request would borrow: every state-changing request that a
/// cookie authenticates needs the anti-forgery token, whichever endpoint it is; API-key callers send none.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class CookieAntiforgeryTests(SystemFixture system)
{
    private readonly Journey journey = new(system);

    [Fact]
    public async Task Refunds_and_statements_uploaded_with_the_finance_cookie_need_the_token_and_api_keys_do_not()
    {
        var (id, fee) = await journey.AssessedAsync("防伪退费");
        (await journey.NotifyAsync(Journey.Notification(fee, id: $"X1-{fee.Reference}"))).Dispose();
        (await journey.NotifyAsync(Journey.Notification(fee, id: $"X2-{fee.Reference}"))).Dispose();
        using var person = new Person(system.PaymentAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await person.SignInAsync("finance-qian", returnUrl: "/finance")).StatusCode);

        using (var forgedRefund = await person.Http.PostAsync("/api/payments/refunds", RefundForm($"X2-{fee.Reference}")))
        using (var forgedStatement = await person.Http.PostAsync("/api/reconciliation/statements", StatementForm(fee, "forged")))
        {
            await AssertRefusedAsync(forgedRefund);
            await AssertRefusedAsync(forgedStatement);
        }

        Assert.DoesNotContain("fee_refunded", await system.Infrastructure.EventTypesAsync(id));
        Assert.Equal(0, await StatementsAsync(fee, "forged"));

        var token = await person.FormTokenAsync("/finance");
        using (var refund = await person.Http.PostAsync("/api/payments/refunds", RefundForm($"X2-{fee.Reference}", token)))
        using (var statement = await person.Http.PostAsync("/api/reconciliation/statements", StatementForm(fee, "by-page", token)))
        {
            Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
            Assert.Equal(HttpStatusCode.Created, statement.StatusCode);
        }

        // A machine with its key sends no token (and a cookie plus a key is judged by the key).
        using var machine = await system.PaymentApi.PostAsync("/api/reconciliation/statements", StatementForm(fee, "by-key"));
        Assert.Equal(HttpStatusCode.Created, machine.StatusCode);
        Assert.Contains("fee_refunded", await system.Infrastructure.EventTypesAsync(id));
    }

    [Fact]
    public async Task A_json_post_with_the_auditor_cookie_needs_the_token_in_its_header()
    {
        using var person = new Person(system.AuditAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await person.SignInAsync("auditor-zhou", returnUrl: "/audit")).StatusCode);

        using (var forged = await person.Http.PostAsync("/api/audit/seals/check", JsonContent.Create(new { })))
        {
            await AssertRefusedAsync(forged);
        }

        var token = await person.FormTokenAsync("/audit/verifications");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/audit/seals/check") { Content = JsonContent.Create(new { }) };
        request.Headers.Add("RequestVerificationToken", token.Value);
        using var withToken = await person.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);

        using var machine = await system.AuditApi.PostAsync("/api/audit/seals/check", JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.OK, machine.StatusCode);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var text = problem.GetProperty("title").GetString() + problem.GetProperty("detail").GetString();
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", text);
        Assert.Matches("[A-Za-z]{3,}", text);
    }

    private static MultipartFormDataContent RefundForm(string notificationId, KeyValuePair<string, string>? token = null)
    {
        var form = new MultipartFormDataContent();
        if (token is { } field)
        {
            form.Add(new StringContent(field.Value), field.Key);
        }

        form.Add(new StringContent(notificationId), "paymentNotificationId");
        form.Add(new StringContent("重复缴费，原路退回"), "reason");
        var file = new ByteArrayContent("%PDF-1.4 银行回单"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "evidence", "回单.pdf");
        return form;
    }

    private static MultipartFormDataContent StatementForm(Journey.Fee fee, string tag, KeyValuePair<string, string>? token = null)
    {
        var form = new MultipartFormDataContent();
        if (token is { } field)
        {
            form.Add(new StringContent(field.Value), field.Key);
        }

        var file = new ByteArrayContent(Encoding.UTF8.GetBytes($"交易流水号,缴款码,金额,交易时间\nT-{tag}-{fee.Reference},{fee.Reference},{fee.Amount:0.00},2023-06-01 12:00:00\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", $"statement-{tag}-{fee.Reference}.csv");
        return form;
    }

    private Task<long> StatementsAsync(Journey.Fee fee, string tag) =>
        system.Infrastructure.ScalarAsync("select count(*) from payment.mt_doc_reconciliationreport where data->>'FileName' = @f", ("f", $"statement-{tag}-{fee.Reference}.csv"));
}
