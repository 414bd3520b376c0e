using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using TitleReview.Audit.Features.History;
using TitleReview.Audit.Features.Verification;
using TitleReview.Contracts.Events;
using TitleReview.Domain.WorkingDays;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.EventStore.WorkingDays;
using TitleReview.Testing;

namespace TitleReview.SystemTests;

/// <summary>
/// A system of its own (own database and virtual host): importing a year changes the calendar every service counts
/// with, which the shared fixture's tests must never see.
/// </summary>
public sealed class CalendarSystem : IAsyncLifetime
{
    public SystemFixture System { get; } = new();

    public Task InitializeAsync() => System.InitializeAsync();

    public Task DisposeAsync() => System.DisposeAsync();
}

/// <summary>
/// Issue #12 item 10: the calendar ran out on 2026-12-31. Each test owns its year (2027 scenario, 2028 validation,
/// 2029 versions), so the order they run in does not matter.
/// </summary>
public sealed class CalendarImportTests(CalendarSystem isolated) : IClassFixture<CalendarSystem>
{
    // 2026-12-28 (Monday), 10:00 in Beijing: five working days or a ten-working-day fee deadline reach into 2027.
    private static readonly DateTimeOffset LateDecember = new(2026, 12, 28, 2, 0, 0, TimeSpan.Zero);

    private SystemFixture System => isolated.System;

    private HttpClient Admin() => System.NewPublicityClient().As(Roles.Admin);

    // Made up for the test (no 2027 notice existed when it was written): New Year, a spring festival, one make-up Saturday.
    private static object Year2027() => new
    {
        year = 2027,
        daysOff = new[] { "2027-01-01", "2027-02-06..2027-02-12" },
        makeUpWorkingDays = new[] { "2027-02-13" },
        notice = "国务院办公厅关于2027年部分节假日安排的通知（测试）",
        noticeDate = "2026-11-20",
    };

    [Fact]
    public async Task Until_the_next_year_is_imported_every_affected_action_answers_clearly_and_nothing_is_lost_then_all_proceed()
    {
        var journey = new Journey(System);
        await System.SetBusinessTimeAsync(Journey.InsideWindow);
        var id = await journey.SubmitAsync("跨年");
        await journey.WaitUntilQueuedForReviewAsync(id);

        // Health: quiet 31 days before the calendar runs out, degraded with the date from 30 days before.
        await System.SetBusinessTimeAsync(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));
        Assert.Equal(HealthStatus.Healthy, (await CalendarHealthAsync()).Status);
        await System.SetBusinessTimeAsync(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        var warning = await CalendarHealthAsync();
        Assert.Equal(HealthStatus.Degraded, warning.Status);
        Assert.Contains("2026-12-31", warning.Description, StringComparison.Ordinal);

        await System.SetBusinessTimeAsync(LateDecember);
        await journey.ApproveAsync(id);

        // Fee assessment waits visibly instead of throwing into the error queue.
        using var finance = System.NewPaymentClient().As(Roles.Finance);
        var waiting = await Eventually.ReturnsAsync<JsonElement?>(async () => await finance.GetFromJsonAsync<JsonElement>("/api/payments/awaiting-calendar"),
            list => list!.Value.EnumerateArray().Any(e => e.GetProperty("id").GetGuid() == id), TimeSpan.FromSeconds(60), "the fee to wait for the 2027 calendar");
        Assert.Equal(2027, waiting!.Value.EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == id).GetProperty("missingYear").GetInt32());
        Assert.DoesNotContain("fee_assessed", await System.Infrastructure.EventTypesAsync(id));

        // The public working-day API and publishing name the missing year, and publishing writes nothing.
        using var anonymous = System.NewPublicityClient();
        using var end = await anonymous.GetAsync("/api/working-days/end?start=2026-12-28&days=5");
        await AssertCalendarMissingAsync(end);
        await Eventually.ReturnsAsync<JsonElement?>(async () => await System.PublicityApi.GetFromJsonAsync<JsonElement>("/api/publicity/pending"),
            pending => pending!.Value.EnumerateArray().Any(e => e.GetProperty("id").GetGuid() == id), TimeSpan.FromSeconds(60), "the approval pending publicity");
        using (var refused = await System.PublicityApi.PostAsync("/api/publicity/notices", null))
        {
            await AssertCalendarMissingAsync(refused);
        }

        Assert.DoesNotContain("published", await System.Infrastructure.EventTypesAsync(id));

        using var imported = await Admin().PostAsJsonAsync("/api/working-days/calendar-years", Year2027());
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var year = await imported.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, year.GetProperty("version").GetInt32());
        // 2027 under the made-up notice: 261 weekdays, 1 + 5 weekdays off, 1 make-up Saturday.
        Assert.Equal(256, year.GetProperty("workingDays").GetInt32());
        var version = year.GetProperty("calendarVersion").GetString()!;
        Assert.Contains("+2027.1", version, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(year.GetProperty("importedBy").GetString()));

        // 2026-12-28..31 are four working days, 2027-01-01 is off: the fifth is Monday 2027-01-04.
        var period = await anonymous.GetFromJsonAsync<JsonElement>("/api/working-days/end?start=2026-12-28&days=5");
        Assert.Equal("2027-01-04", period.GetProperty("end").GetString());
        Assert.Equal(version, period.GetProperty("calendarVersion").GetString());

        using (var published = await System.PublicityApi.PostAsync("/api/publicity/notices", null))
        {
            Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        }

        Assert.Equal(1, await System.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type = 'published' and data->>'End' = '2027-01-04' and data->>'CalendarVersion' = @version",
            ("id", id), ("version", version)));

        // The waiting fee is assessed from the imported year: ten working days from 12-29 end on 2027-01-12.
        var job = System.Payment.Services.GetServices<IHostedService>().OfType<AssessWhenCalendarArrivesJob>().Single();
        await job.AssessAwaitingAsync(CancellationToken.None);
        var status = await Eventually.ReturnsAsync<JsonElement?>(async () => await journey.StatusAsync(id),
            s => s!.Value.GetProperty("fee").ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(30), "the fee once 2027 is loaded");
        Assert.Equal("2027-01-12", status!.Value.GetProperty("fee").GetProperty("dueDate").GetString());
        var stillWaiting = await finance.GetFromJsonAsync<JsonElement>("/api/payments/awaiting-calendar");
        Assert.DoesNotContain(stillWaiting.EnumerateArray(), e => e.GetProperty("id").GetGuid() == id);

        Assert.Equal(HealthStatus.Healthy, (await CalendarHealthAsync()).Status);

        // The audit replays the publication with the version it recorded, and finds the calendar stream in order.
        using var auditor = System.NewAuditClient().As(Roles.Auditor);
        var replay = await auditor.GetFromJsonAsync<JsonElement>($"/api/audit/applications/{id}/verification");
        Assert.Empty(replay.GetProperty("findings").EnumerateArray());
        var calendarStream = await auditor.GetFromJsonAsync<JsonElement>($"/api/audit/applications/{WorkingDayCalendarStream.Id}/verification");
        Assert.Empty(calendarStream.GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public async Task An_import_with_impossible_dates_is_refused_field_by_field_and_writes_nothing()
    {
        await System.SetBusinessTimeAsync(new DateTimeOffset(2027, 11, 20, 2, 0, 0, TimeSpan.Zero));

        using var refused = await Admin().PostAsJsonAsync("/api/working-days/calendar-years", new
        {
            year = 2028,
            // 2027-12-31 is in another year; 2028-02-30 does not exist.
            daysOff = new[] { "2028-01-01", "2027-12-31", "2028-01-28..2028-02-03", "2028-02-30" },
            // 2028-01-05 is a Wednesday; 2028-01-01 is a Saturday listed as a day off too.
            makeUpWorkingDays = new[] { "2028-01-05", "2028-01-01" },
            notice = "",
            noticeDate = "2027-12-01",
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(2, errors.GetProperty("daysOff").GetArrayLength());
        Assert.Equal(2, errors.GetProperty("makeUpWorkingDays").GetArrayLength());
        Assert.True(errors.TryGetProperty("notice", out _));
        Assert.True(errors.TryGetProperty("noticeDate", out _), "a notice dated after today");
        Assert.Equal(0, await System.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and data->>'Year' = '2028'", ("id", WorkingDayCalendarStream.Id)));
    }

    [Fact]
    public async Task A_loaded_year_is_changed_only_by_an_explicit_new_version_and_the_old_version_still_replays()
    {
        await System.SetBusinessTimeAsync(new DateTimeOffset(2028, 12, 1, 2, 0, 0, TimeSpan.Zero));
        var first = new { year = 2029, daysOff = new[] { "2029-01-01" }, makeUpWorkingDays = Array.Empty<string>(), notice = "2029 通知（测试）", noticeDate = "2028-11-10" };
        using var admin = Admin();

        using (var created = await admin.PostAsJsonAsync("/api/working-days/calendar-years", first))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var again = await admin.PostAsJsonAsync("/api/working-days/calendar-years", first))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(1, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        }

        var corrected = new { year = 2029, daysOff = new[] { "2029-01-01..2029-01-02" }, makeUpWorkingDays = Array.Empty<string>(), notice = "2029 更正通知（测试）", noticeDate = "2028-11-20", newVersion = false };
        using (var conflict = await admin.PostAsJsonAsync("/api/working-days/calendar-years", corrected))
        {
            Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
            Assert.Contains("2029", (await conflict.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var second = await admin.PostAsJsonAsync("/api/working-days/calendar-years", corrected with { newVersion = true }))
        {
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
            Assert.Equal(2, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        }

        Assert.Equal(2, await System.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type = 'working_day_calendar_imported' and data->>'Year' = '2029'", ("id", WorkingDayCalendarStream.Id)));
        var years = await System.NewPublicityClient().GetFromJsonAsync<JsonElement>("/api/working-days/calendar-years");
        Assert.Equal(2, years.EnumerateArray().Single(y => y.GetProperty("year").GetInt32() == 2029).GetProperty("version").GetInt32());

        // Payment reads the same ledger: the current version closes 2029-01-02, the first version still replays without it.
        var set = await System.Payment.Services.GetRequiredService<WorkingDayCalendars>().RefreshAsync(CancellationToken.None);
        Assert.False(set.Current.IsWorkingDay(new DateOnly(2029, 1, 2)));
        var old = set.ForVersion(WorkingDayCalendar.Official.Version + "+2029.1");
        Assert.NotNull(old);
        Assert.True(old.IsWorkingDay(new DateOnly(2029, 1, 2)));
    }

    [Fact]
    public void The_audit_accepts_calendar_imports_on_the_calendar_stream_by_Publicity_only_and_nowhere_else()
    {
        var imported = new WorkingDayCalendarImported(2027, 1, [new DateOnly(2027, 1, 1)], [], "通知", new DateOnly(2026, 11, 20), "admin-wu", DateTimeOffset.UnixEpoch);
        LedgerEvent At(Guid stream, string? service) =>
            new(1, Guid.NewGuid(), stream, 1, "working_day_calendar_imported", DateTimeOffset.UnixEpoch, imported, "{}"u8.ToArray(), "admin-wu", "admin", service, null, null);

        Assert.Empty(HistoryVerifier.Verify([At(WorkingDayCalendarStream.Id, "Publicity")]));
        Assert.Equal(AuditRules.AppendedByOwner.Code, Assert.Single(HistoryVerifier.Verify([At(WorkingDayCalendarStream.Id, "Payment")])).Rule);
        Assert.Contains(HistoryVerifier.Verify([At(Guid.NewGuid(), "Publicity")]), f => f.Rule == AuditRules.KnownEvent.Code);
    }

    private async Task<HealthReportEntry> CalendarHealthAsync()
    {
        var report = await System.Publicity.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(check => check.Name == WorkingDayCalendarHealthCheck.Name);
        return report.Entries[WorkingDayCalendarHealthCheck.Name];
    }

    private static async Task AssertCalendarMissingAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2027, problem.GetProperty("calendarYear").GetInt32());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("2027年工作日安排尚未导入", detail, StringComparison.Ordinal);
        Assert.Contains("working-day calendar for 2027 has not been loaded", detail, StringComparison.Ordinal);
    }
}
