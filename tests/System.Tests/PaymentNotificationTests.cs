using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TitleReview.Testing;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.Payment.Features.Lapse;
using TitleReview.Payment.Features.PaymentNotifications;

namespace TitleReview.SystemTests;

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

        // Paid the day after the due date: late (逾期), so the money goes back and the lapse stands.
        using var late = await journey.NotifyAsync(Journey.Notification(fee, paidAt: BeijingTime(fee.DueDate.AddDays(1), 0, 10)));
        Assert.Equal("RefundDue", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.DoesNotContain("fee_paid", await system.Infrastructure.EventTypesAsync(id));
        Assert.DoesNotContain("application_lapse_undone", await system.Infrastructure.EventTypesAsync(id));
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
    }

    [Fact]
    public async Task A_payment_made_on_the_due_date_but_notified_after_the_lapse_pays_the_fee_and_the_application_continues()
    {
        var (id, fee) = await journey.AssessedAsync("按期缴费庚");
        await system.SetBusinessTimeAsync(BeijingTime(fee.DueDate.AddDays(1), 0, 30));
        await LapseJob.LapseOverdueAsync(CancellationToken.None);
        await journey.StatusBecomesAsync(id, "Lapsed");

        // Paid at 23:59 Beijing time on the due date (15:59 UTC): not 逾期, whenever the platform gets round to telling us.
        using var notified = await journey.NotifyAsync(Journey.Notification(fee, paidAt: BeijingTime(fee.DueDate, 23, 59)));

        Assert.Equal(HttpStatusCode.OK, notified.StatusCode);
        Assert.Equal("Matched", (await notified.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        var events = await system.Infrastructure.EventTypesAsync(id);
        Assert.Equal(["application_lapsed", "application_lapse_undone", "fee_paid"], events.SkipWhile(e => e != "application_lapsed"));
        var status = await Eventually.ReturnsAsync<JsonElement?>(async () => await journey.StatusAsync(id),
            s => s!.Value.GetProperty("status").GetString() is "FinalApproved" or "InPublicity", TimeSpan.FromSeconds(60), "the application to continue");
        Assert.NotEqual("Lapsed", status!.Value.GetProperty("status").GetString());
        Assert.Equal(0, await system.Infrastructure.ScalarAsync(
            "select count(*) from payment.mt_doc_feeaccount where id = @id and ((data->>'Lapsed')::boolean or not (data->>'Paid')::boolean)", ("id", id)));

        // Publicity takes it up again: on the next notice (or already published), whatever its jobs did while it was lapsed.
        await Eventually.ReturnsAsync<bool?>(async () =>
            (await journey.StatusAsync(id)).GetProperty("status").GetString() == "InPublicity"
            || (await system.PublicityApi.GetFromJsonAsync<JsonElement>("/api/publicity/pending")).EnumerateArray().Any(e => e.GetProperty("id").GetGuid() == id),
            pending => pending == true, TimeSpan.FromSeconds(60), "publicity to take the application up again");

        // The audit replay accepts the undone lapse: a lapse revoked by a timely payment breaks no rule.
        var findings = await system.AuditApi.GetFromJsonAsync<JsonElement>($"/api/audit/applications/{id}/verification");
        Assert.Empty(findings.GetProperty("findings").EnumerateArray());
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
    }

    [Fact]
    public async Task Finance_records_a_payment_made_on_the_due_date_after_the_lapse_and_a_late_one_is_refused()
    {
        var (id, fee) = await journey.AssessedAsync("按期缴费辛");
        await system.SetBusinessTimeAsync(BeijingTime(fee.DueDate.AddDays(1), 9, 0));
        await LapseJob.LapseOverdueAsync(CancellationToken.None);
        await journey.StatusBecomesAsync(id, "Lapsed");

        using (var late = await system.PaymentApi.PostAsJsonAsync("/api/payments",
            new { paymentReference = fee.Reference, amount = fee.Amount, paidAt = BeijingTime(fee.DueDate.AddDays(1), 8, 0) }))
        {
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        }

        using (var onTime = await system.PaymentApi.PostAsJsonAsync("/api/payments",
            new { paymentReference = fee.Reference, amount = fee.Amount, paidAt = BeijingTime(fee.DueDate, 16, 30) }))
        {
            Assert.Equal(HttpStatusCode.OK, onTime.StatusCode);
            Assert.Equal(BeijingTime(fee.DueDate, 16, 30), (await onTime.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paidAt").GetDateTimeOffset());
        }

        Assert.Equal(["application_lapsed", "application_lapse_undone", "fee_paid"], (await system.Infrastructure.EventTypesAsync(id)).SkipWhile(e => e != "application_lapsed"));
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
    }

    [Fact]
    public async Task A_payment_time_in_the_future_is_refused_and_nothing_is_recorded()
    {
        var (id, fee) = await journey.AssessedAsync("未来缴费壬");
        var future = Journey.InsideWindow.AddHours(2);

        using var notified = await journey.NotifyAsync(Journey.Notification(fee, paidAt: future));
        using var recorded = await system.PaymentApi.PostAsJsonAsync("/api/payments", new { paymentReference = fee.Reference, amount = fee.Amount, paidAt = future });
        using var ancient = await journey.NotifyAsync(Journey.Notification(fee, id: $"ancient-{fee.Reference}", paidAt: new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        foreach (var response in new[] { notified, recorded, ancient })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.DoesNotContain("fee_paid", await system.Infrastructure.EventTypesAsync(id));
        Assert.Equal(0, await NotificationsAsync(fee.Reference));
    }

    /// <summary>A Beijing wall-clock time on a business date, as an instant.</summary>
    private static DateTimeOffset BeijingTime(DateOnly day, int hour, int minute) =>
        new(day.ToDateTime(new TimeOnly(hour, minute)), TitleReview.Domain.WorkingDays.ChinaTime.Offset);

    private Task<long> NotificationsAsync(string reference) =>
        system.Infrastructure.ScalarAsync("select count(*) from payment.mt_doc_paymentnotification where data->>'PaymentReference' = @r", ("r", reference));
}
