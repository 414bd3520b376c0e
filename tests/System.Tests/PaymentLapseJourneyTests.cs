using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TitleReview.Payment.Features.Lapse;

namespace TitleReview.SystemTests;

/// <summary>
/// What the other services make of Payment's lapse and of its undoing: Intake's status, Publicity taking the
/// application up again, the audit replay. What Payment itself decides is Payment.IntegrationTests' PaymentNotificationTests.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class PaymentLapseJourneyTests(SystemFixture system) : IAsyncLifetime
{
    private readonly Journey journey = new(system);

    private OverdueLapseJob LapseJob => system.Payment.Services.GetServices<IHostedService>().OfType<OverdueLapseJob>().Single();

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Whatever the outcome, the shared system goes back inside the window the other tests expect.</summary>
    public Task DisposeAsync() => system.SetBusinessTimeAsync(Journey.InsideWindow);

    [Fact]
    public async Task An_unpaid_fee_lapses_the_day_after_its_due_date_and_the_applicant_sees_it_lapsed()
    {
        var (id, fee) = await journey.AssessedAsync("逾期己");

        await system.SetBusinessTimeAsync(BeijingTime(fee.DueDate.AddDays(1), 0, 30));
        await LapseJob.LapseOverdueAsync(CancellationToken.None);

        var lapsed = await journey.StatusBecomesAsync(id, "Lapsed");
        Assert.Equal("逾期未缴费，视作自愿放弃申报", lapsed.GetProperty("statusText").GetProperty("zh").GetString());
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

        var status = await Eventually.ReturnsAsync<JsonElement?>(async () => await journey.StatusAsync(id),
            s => s!.Value.GetProperty("status").GetString() is "FinalApproved" or "InPublicity", TimeSpan.FromSeconds(60), "the application to continue");
        Assert.NotEqual("Lapsed", status!.Value.GetProperty("status").GetString());

        // Publicity takes it up again: on the next notice (or already published), whatever its jobs did while it was lapsed.
        await Eventually.ReturnsAsync<bool?>(async () =>
            (await journey.StatusAsync(id)).GetProperty("status").GetString() == "InPublicity"
            || (await system.PublicityApi.GetFromJsonAsync<JsonElement>("/api/publicity/pending")).EnumerateArray().Any(e => e.GetProperty("id").GetGuid() == id),
            pending => pending == true, TimeSpan.FromSeconds(60), "publicity to take the application up again");

        // The audit replay accepts the undone lapse: a lapse revoked by a timely payment breaks no rule.
        var findings = await system.AuditApi.GetFromJsonAsync<JsonElement>($"/api/audit/applications/{id}/verification");
        Assert.Empty(findings.GetProperty("findings").EnumerateArray());
    }

    /// <summary>A Beijing wall-clock time on a business date, as an instant.</summary>
    private static DateTimeOffset BeijingTime(DateOnly day, int hour, int minute) =>
        new(day.ToDateTime(new TimeOnly(hour, minute)), TitleReview.Domain.WorkingDays.ChinaTime.Offset);
}
