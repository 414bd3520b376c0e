using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Payment.IntegrationTests;

/// <summary>Money that did not pay the fee goes back with a reason and evidence: FeeRefunded, once.</summary>
[Collection(PaymentCollection.Name)]
public sealed class RefundTests(PaymentFixture payment) : IAsyncLifetime
{
    private readonly PaymentSteps steps = new(payment);

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Whatever the outcome, the next test starts on the fixture's clock.</summary>
    public Task DisposeAsync()
    {
        payment.ResetBusinessTime();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_second_payment_is_refunded_once_with_its_reason_and_evidence_in_the_ledger()
    {
        var fee = await steps.AssessedAsync("退费甲");
        var id = fee.Id;
        using (var paid = await steps.NotifyAsync(PaymentSteps.Notification(fee, id: $"R1-{fee.Reference}")))
        {
            Assert.Equal("Matched", (await paid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        }

        using (var twice = await steps.NotifyAsync(PaymentSteps.Notification(fee, id: $"R2-{fee.Reference}")))
        {
            Assert.Equal("PaidTwice", (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        }

        using (var matched = await RefundAsync($"R1-{fee.Reference}", "%PDF-1.4"u8.ToArray()))
        {
            Assert.Equal(HttpStatusCode.Conflict, matched.StatusCode);
        }

        using (var disguised = await RefundAsync($"R2-{fee.Reference}", "just text, named .pdf"u8.ToArray()))
        {
            Assert.Equal(HttpStatusCode.BadRequest, disguised.StatusCode);
        }

        using (var noReason = await RefundAsync($"R2-{fee.Reference}", "%PDF-1.4"u8.ToArray(), reason: " "))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        }

        Assert.DoesNotContain("fee_refunded", await payment.Infrastructure.EventTypesAsync(id));
        using (var refunded = await RefundAsync($"R2-{fee.Reference}", "%PDF-1.4 银行回单"u8.ToArray()))
        {
            Assert.Equal(HttpStatusCode.OK, refunded.StatusCode);
        }

        using (var again = await RefundAsync($"R2-{fee.Reference}", "%PDF-1.4"u8.ToArray()))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        Assert.Equal(1, await payment.Infrastructure.ScalarAsync(
            """
            select count(*) from ledger.mt_events where stream_id = @id and type = 'fee_refunded'
              and (data->>'Amount')::numeric = 300.00 and data->>'PaymentNotificationId' = @n and length(data->>'EvidenceSha256') = 64
              and data->>'Reason' = '重复缴费，原路退回' and headers->>'user-id' = 'dev-finance'
            """, ("id", id), ("n", $"R2-{fee.Reference}")));
    }

    private async Task<HttpResponseMessage> RefundAsync(string notificationId, byte[] evidence, string reason = "重复缴费，原路退回")
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(notificationId), "paymentNotificationId");
        form.Add(new StringContent(reason), "reason");
        var file = new ByteArrayContent(evidence);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "evidence", "回单.pdf");
        using var finance = payment.Client(Roles.Finance);
        return await finance.PostAsync("/api/payments/refunds", form);
    }
}
