using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain.Lifecycle;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.Payment.Features.Lapse;
using TitleReview.Payment.Features.PaymentNotifications;
using TitleReview.ServiceDefaults.Identity;
using static TitleReview.Payment.IntegrationTests.PaymentSteps;

namespace TitleReview.Payment.IntegrationTests;

/// <summary>
/// The platform's signed notifications and finance's recorded payments, judged by when the money was paid; the lapse
/// job run at the business time each test sets. What Intake, Publicity and Audit make of a lapse and of its undoing is
/// checked in System.Tests (PaymentLapseJourneyTests).
/// </summary>
[Collection(PaymentCollection.Name)]
public sealed class PaymentNotificationTests(PaymentFixture payment) : IAsyncLifetime
{
    private readonly PaymentSteps steps = new(payment);

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Whatever the outcome (issue #16 item 4: these tests reset the clock only when they passed), the next test starts on the fixture's clock.</summary>
    public Task DisposeAsync()
    {
        payment.ResetBusinessTime();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_signed_notification_for_the_assessed_amount_records_the_fee_as_paid_once()
    {
        var (id, fee) = await AssessedAsync("通知甲");
        var notification = Notification(fee);

        using var first = await steps.NotifyAsync(notification);
        using var again = await steps.NotifyAsync(notification);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("Matched", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>(TestJson.Web)).GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, (await payment.Infrastructure.EventTypesAsync(id)).Count(t => t == "fee_paid"));
        Assert.Equal(1, await NotificationsAsync(fee.Reference));
    }

    [Fact]
    public async Task A_wrong_signature_is_refused_and_nothing_is_recorded()
    {
        var (id, fee) = await AssessedAsync("通知乙");

        using var forged = await steps.NotifyAsync(Notification(fee), secret: "someone-else's-secret-of-some-length");

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("fee_paid", await payment.Infrastructure.EventTypesAsync(id));
        Assert.Equal(0, await NotificationsAsync(fee.Reference));
    }

    [Fact]
    public async Task A_notification_signed_more_than_five_minutes_ago_is_refused_even_when_the_signature_is_right()
    {
        var (id, fee) = await AssessedAsync("通知丙");

        using var stale = await steps.NotifyAsync(Notification(fee), signedAt: DateTimeOffset.UtcNow.AddMinutes(-6));

        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.DoesNotContain("fee_paid", await payment.Infrastructure.EventTypesAsync(id));
        Assert.Equal(0, await NotificationsAsync(fee.Reference));
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused()
    {
        var (id, fee) = await AssessedAsync("通知丁");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signed = JsonSerializer.SerializeToUtf8Bytes(Notification(fee));
        var tampered = JsonSerializer.SerializeToUtf8Bytes(Notification(fee, amount: 1m));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/notifications") { Content = new ByteArrayContent(tampered) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(PlatformSigning.TimestampHeader, timestamp);
        request.Headers.Add(PlatformSigning.SignatureHeader, PlatformSigning.Sign(ServiceHost<FeeAccount>.PlatformSecret, timestamp, signed));
        using var response = await payment.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("fee_paid", await payment.Infrastructure.EventTypesAsync(id));
    }

    [Fact]
    public async Task An_amount_that_differs_from_the_assessment_is_recorded_and_flagged_but_not_paid()
    {
        var (id, fee) = await AssessedAsync("通知戊");

        using var response = await steps.NotifyAsync(Notification(fee, amount: fee.Amount - 100m));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("AmountDiffers", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.DoesNotContain("fee_paid", await payment.Infrastructure.EventTypesAsync(id));
        Assert.Equal(1, await NotificationsAsync(fee.Reference));
    }

    [Fact]
    public async Task An_unpaid_fee_lapses_the_day_after_its_due_date_and_a_later_payment_is_flagged_for_refund()
    {
        var (id, fee) = await AssessedAsync("逾期己");

        payment.SetBusinessTime(BeijingTime(fee.DueDate, 10, 0));   // 10:00 Beijing on the due date
        await steps.LapseJob.LapseOverdueAsync(CancellationToken.None);
        Assert.DoesNotContain("application_lapsed", await payment.Infrastructure.EventTypesAsync(id));

        payment.SetBusinessTime(BeijingTime(fee.DueDate.AddDays(1), 0, 30));   // 00:30 Beijing the day after
        await steps.LapseJob.LapseOverdueAsync(CancellationToken.None);
        Assert.Contains("application_lapsed", await payment.Infrastructure.EventTypesAsync(id));
        // What the applicant then sees (Intake's status 逾期未缴费，视作自愿放弃申报) is PaymentLapseJourneyTests' in System.Tests.
        Assert.Equal(1, await payment.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type = 'application_lapsed' and data->>'Reason' = @reason",
            ("id", id), ("reason", OverdueLapseJob.Reason)));
        Assert.Equal(ApplicationStatus.Lapsed, (await LifecycleAsync(id)).Status);

        // Paid the day after the due date: late (逾期), so the money goes back and the lapse stands.
        using var late = await steps.NotifyAsync(Notification(fee, paidAt: BeijingTime(fee.DueDate.AddDays(1), 0, 10)));
        Assert.Equal("RefundDue", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.DoesNotContain("fee_paid", await payment.Infrastructure.EventTypesAsync(id));
        Assert.DoesNotContain("application_lapse_undone", await payment.Infrastructure.EventTypesAsync(id));
    }

    [Fact]
    public async Task A_payment_made_on_the_due_date_but_notified_after_the_lapse_pays_the_fee_and_the_application_continues()
    {
        var (id, fee) = await AssessedAsync("按期缴费庚");
        payment.SetBusinessTime(BeijingTime(fee.DueDate.AddDays(1), 0, 30));
        await steps.LapseJob.LapseOverdueAsync(CancellationToken.None);
        Assert.Equal(ApplicationStatus.Lapsed, (await LifecycleAsync(id)).Status);

        // Paid at 23:59 Beijing time on the due date (15:59 UTC): not 逾期, whenever the platform gets round to telling us.
        using var notified = await steps.NotifyAsync(Notification(fee, paidAt: BeijingTime(fee.DueDate, 23, 59)));

        Assert.Equal(HttpStatusCode.OK, notified.StatusCode);
        Assert.Equal("Matched", (await notified.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        var events = await payment.Infrastructure.EventTypesAsync(id);
        Assert.Equal(["application_lapsed", "application_lapse_undone", "fee_paid"], events.SkipWhile(e => e != "application_lapsed"));
        var application = await LifecycleAsync(id);
        Assert.Equal(ApplicationStatus.FinalApproved, application.Status);
        Assert.False(application.IsTerminal);
        Assert.True(application.FeePaid);
        Assert.Equal(0, await payment.Infrastructure.ScalarAsync(
            "select count(*) from payment.mt_doc_feeaccount where id = @id and ((data->>'Lapsed')::boolean or not (data->>'Paid')::boolean)", ("id", id)));

        // That Intake shows it running again, Publicity takes it up again and the audit replay accepts the undone lapse
        // is PaymentLapseJourneyTests' in System.Tests: those services react to these events.
    }

    [Fact]
    public async Task Finance_records_a_payment_made_on_the_due_date_after_the_lapse_and_a_late_one_is_refused()
    {
        var (id, fee) = await AssessedAsync("按期缴费辛");
        payment.SetBusinessTime(BeijingTime(fee.DueDate.AddDays(1), 9, 0));
        await steps.LapseJob.LapseOverdueAsync(CancellationToken.None);
        Assert.Equal(ApplicationStatus.Lapsed, (await LifecycleAsync(id)).Status);
        using var finance = payment.Client(Roles.Finance);

        using (var late = await finance.PostAsJsonAsync("/api/payments",
            new { paymentReference = fee.Reference, amount = fee.Amount, paidAt = BeijingTime(fee.DueDate.AddDays(1), 8, 0) }))
        {
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        }

        using (var onTime = await finance.PostAsJsonAsync("/api/payments",
            new { paymentReference = fee.Reference, amount = fee.Amount, paidAt = BeijingTime(fee.DueDate, 16, 30) }))
        {
            Assert.Equal(HttpStatusCode.OK, onTime.StatusCode);
            Assert.Equal(BeijingTime(fee.DueDate, 16, 30), (await onTime.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paidAt").GetDateTimeOffset());
        }

        Assert.Equal(["application_lapsed", "application_lapse_undone", "fee_paid"], (await payment.Infrastructure.EventTypesAsync(id)).SkipWhile(e => e != "application_lapsed"));
    }

    [Fact]
    public async Task A_payment_time_in_the_future_is_refused_and_nothing_is_recorded()
    {
        var (id, fee) = await AssessedAsync("未来缴费壬");
        var future = InsideWindow.AddHours(2);
        using var finance = payment.Client(Roles.Finance);

        using var notified = await steps.NotifyAsync(Notification(fee, paidAt: future));
        using var recorded = await finance.PostAsJsonAsync("/api/payments", new { paymentReference = fee.Reference, amount = fee.Amount, paidAt = future });
        using var ancient = await steps.NotifyAsync(Notification(fee, id: $"ancient-{fee.Reference}", paidAt: new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        foreach (var response in new[] { notified, recorded, ancient })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.DoesNotContain("fee_paid", await payment.Infrastructure.EventTypesAsync(id));
        Assert.Equal(0, await NotificationsAsync(fee.Reference));
    }

    private async Task<(Guid Id, Fee Fee)> AssessedAsync(string name)
    {
        var fee = await steps.AssessedAsync(name);
        return (fee.Id, fee);
    }

    /// <summary>The application as Payment folds it from the ledger when it decides (FetchForWriting reads the same fold).</summary>
    private async Task<ApplicationLifecycle> LifecycleAsync(Guid id)
    {
        await using var query = payment.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await query.Events.AggregateStreamAsync<ApplicationLifecycle>(id) ?? throw new InvalidOperationException($"No stream {id}.");
    }

    private Task<long> NotificationsAsync(string reference) =>
        payment.Infrastructure.ScalarAsync("select count(*) from payment.mt_doc_paymentnotification where data->>'PaymentReference' = @r", ("r", reference));
}
