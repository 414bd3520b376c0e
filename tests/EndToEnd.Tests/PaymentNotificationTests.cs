using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.Payment.Features.Lapse;
using TitleReview.Payment.Features.PaymentNotifications;

namespace TitleReview.EndToEnd.Tests;

[Collection(SystemCollection.Name)]
public sealed class PaymentNotificationTests(SystemFixture system)
{
    private readonly Journey journey = new(system);

    private OverdueLapseJob LapseJob => system.Payment.Services.GetServices<IHostedService>().OfType<OverdueLapseJob>().Single();

    [Fact]
    public async Task A_signed_notification_for_the_assessed_amount_records_the_fee_as_paid_once()
    {
        var (id, fee) = await journey.AssessedAsync("通知甲");
        var notification = Journey.Notification(fee);

        using var first = await journey.NotifyAsync(notification);
        using var again = await journey.NotifyAsync(notification);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("Matched", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>(Journey.Json)).GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, (await system.Infrastructure.EventTypesAsync(id)).Count(t => t == "fee_paid"));
        Assert.Equal(1, await NotificationsAsync(fee.Reference));
    }

    [Fact]
    public async Task A_wrong_signature_is_refused_and_nothing_is_recorded()
    {
        var (id, fee) = await journey.AssessedAsync("通知乙");

        using var forged = await journey.NotifyAsync(Journey.Notification(fee), secret: "someone-else's-secret-of-some-length");

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("fee_paid", await system.Infrastructure.EventTypesAsync(id));
        Assert.Equal(0, await NotificationsAsync(fee.Reference));
    }

    [Fact]
    public async Task A_notification_signed_more_than_five_minutes_ago_is_refused_even_when_the_signature_is_right()
    {
        var (id, fee) = await journey.AssessedAsync("通知丙");

        using var stale = await journey.NotifyAsync(Journey.Notification(fee), signedAt: DateTimeOffset.UtcNow.AddMinutes(-6));

        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.DoesNotContain("fee_paid", await system.Infrastructure.EventTypesAsync(id));
        Assert.Equal(0, await NotificationsAsync(fee.Reference));
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused()
    {
        var (id, fee) = await journey.AssessedAsync("通知丁");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signed = JsonSerializer.SerializeToUtf8Bytes(Journey.Notification(fee));
        var tampered = JsonSerializer.SerializeToUtf8Bytes(Journey.Notification(fee, amount: 1m));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/notifications") { Content = new ByteArrayContent(tampered) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(PlatformSigning.TimestampHeader, timestamp);
        request.Headers.Add(PlatformSigning.SignatureHeader, PlatformSigning.Sign(ServiceHost<FeeAccount>.PlatformSecret, timestamp, signed));
        using var response = await system.NewPaymentClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("fee_paid", await system.Infrastructure.EventTypesAsync(id));
    }

    [Fact]
    public async Task An_amount_that_differs_from_the_assessment_is_recorded_and_flagged_but_not_paid()
    {
        var (id, fee) = await journey.AssessedAsync("通知戊");

        using var response = await journey.NotifyAsync(Journey.Notification(fee, amount: fee.Amount - 100m));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("AmountDiffers", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.DoesNotContain("fee_paid", await system.Infrastructure.EventTypesAsync(id));
        Assert.Equal(1, await NotificationsAsync(fee.Reference));
    }

    [Fact]
    public async Task An_unpaid_fee_lapses_the_day_after_its_due_date_and_a_later_payment_is_flagged_for_refund()
    {
        var (id, fee) = await journey.AssessedAsync("逾期己");

        await system.SetBusinessTimeAsync(fee.DueDate.ToDateTime(new TimeOnly(10, 0)).AddHours(-8));   // 10:00 Beijing on the due date
        await LapseJob.LapseOverdueAsync(CancellationToken.None);
        Assert.DoesNotContain("application_lapsed", await system.Infrastructure.EventTypesAsync(id));

        await system.SetBusinessTimeAsync(fee.DueDate.AddDays(1).ToDateTime(new TimeOnly(0, 30)).AddHours(-8));   // 00:30 Beijing the day after
        await LapseJob.LapseOverdueAsync(CancellationToken.None);
        Assert.Contains("application_lapsed", await system.Infrastructure.EventTypesAsync(id));
        var lapsed = await journey.StatusBecomesAsync(id, "Lapsed");
        Assert.Equal("逾期未缴费，视作自愿放弃申报", lapsed.GetProperty("statusText").GetProperty("zh").GetString());

        using var late = await journey.NotifyAsync(Journey.Notification(fee));
        Assert.Equal("RefundDue", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.DoesNotContain("fee_paid", await system.Infrastructure.EventTypesAsync(id));
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
    }

    private Task<long> NotificationsAsync(string reference) =>
        system.Infrastructure.ScalarAsync("select count(*) from payment.mt_doc_paymentnotification where data->>'PaymentReference' = @r", ("r", reference));
}
