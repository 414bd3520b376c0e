using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JasperFx.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TitleReview.Domain.Publicity;
using TitleReview.Publicity.Features.Complete;
using TitleReview.EventStore;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Publicity.IntegrationTests;

/// <summary>
/// Publicity alone: the approvals it publishes are forged and relayed as Review would (<see cref="PublicityHistory"/>);
/// every test starts inside the window and returns the service's business time when it ends.
/// </summary>
[Collection(PublicityCollection.Name)]
public sealed class PublicityTests(PublicityFixture publicity) : IAsyncLifetime
{
    private static readonly DateTimeOffset EndDay = new(2023, 6, 7, 2, 0, 0, TimeSpan.Zero);   // 10:00 in Beijing
    private static readonly DateTimeOffset DayAfterEnd = new(2023, 6, 8, 2, 0, 0, TimeSpan.Zero);

    private readonly HttpClient officer = publicity.Client(Roles.PublicityOfficer);

    private PublicityCompletionJob CompletionJob =>
        publicity.Host.Services.GetServices<IHostedService>().OfType<PublicityCompletionJob>().Single();

    public Task InitializeAsync()
    {
        publicity.SetBusinessTime(PublicityHistory.InsideWindow);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        publicity.ResetBusinessTime();
        officer.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_publicity_ending_today_is_not_completed_today_and_is_completed_tomorrow()
    {
        var id = await publicity.ApprovedAndPublishedAsync("公示甲");
        // What Intake shows as the application's publicity end is this event's End (ThinPathTests checks Intake's side).
        Assert.Equal(1, await publicity.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type = 'published' and data->>'End' = '2023-06-07'", ("id", id)));

        publicity.SetBusinessTime(EndDay);
        await CompleteEndedAsync();
        Assert.DoesNotContain("publicity_completed", await publicity.Infrastructure.EventTypesAsync(id));

        publicity.SetBusinessTime(DayAfterEnd);
        await CompleteEndedAsync();
        Assert.Contains("publicity_completed", await publicity.Infrastructure.EventTypesAsync(id));
        Assert.Equal(1, await publicity.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type = 'publicity_completed' and data->>'ProofDate' = '2023-06-08'", ("id", id)));
    }

    [Fact]
    public async Task An_open_objection_holds_completion_and_dismissing_it_lets_the_publicity_complete()
    {
        var id = await publicity.ApprovedAndPublishedAsync("公示乙");
        var objection = await LodgeAsync(id);

        publicity.SetBusinessTime(DayAfterEnd);
        await CompleteEndedAsync();
        Assert.DoesNotContain("publicity_completed", await publicity.Infrastructure.EventTypesAsync(id));

        using var dismissed = await officer.PostAsJsonAsync($"/api/publicity/objections/{objection}/resolution", new { upheld = false, reason = "经核实，异议不成立。" });
        Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        await CompleteEndedAsync();
        Assert.Contains("publicity_completed", await publicity.Infrastructure.EventTypesAsync(id));
    }

    [Fact]
    public async Task An_upheld_objection_refuses_the_application_with_the_reason()
    {
        var id = await publicity.ApprovedAndPublishedAsync("公示丙");
        var objection = await LodgeAsync(id);

        using var upheld = await officer.PostAsJsonAsync($"/api/publicity/objections/{objection}/resolution", new { upheld = true, reason = "业绩材料系伪造。" });
        Assert.Equal(HttpStatusCode.OK, upheld.StatusCode);

        // The refusal is this event: Intake shows it as ObjectionUpheld (PublicityJourneyTests in System.Tests).
        Assert.Equal(1, await publicity.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type = 'objection_resolved' and data->>'Reason' = '业绩材料系伪造。' and (data->>'Upheld')::boolean", ("id", id)));
        publicity.SetBusinessTime(DayAfterEnd);
        await CompleteEndedAsync();
        Assert.DoesNotContain("publicity_completed", await publicity.Infrastructure.EventTypesAsync(id));
    }

    [Fact]
    public async Task Objections_are_refused_after_the_end_date()
    {
        var id = await publicity.ApprovedAndPublishedAsync("公示丁");
        // An open objection holds completion, so the late one below meets a publicity still running and only its
        // date can refuse it (otherwise the completion job, polling every second, may complete it first and the
        // refusal would hold even with the date rule broken).
        await LodgeAsync(id);
        publicity.SetBusinessTime(DayAfterEnd);
        await CompleteEndedAsync();
        Assert.DoesNotContain("publicity_completed", await publicity.Infrastructure.EventTypesAsync(id));

        using var anonymous = publicity.Client();
        using var late = await anonymous.PostAsJsonAsync("/api/publicity/objections", Objection(id));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
    }

    [Fact]
    public async Task Public_notices_show_no_application_id_and_an_objection_names_the_notice_and_row()
    {
        var id = await publicity.ApprovedAndPublishedAsync("公示己");
        using var anonymous = publicity.Client();

        var notices = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var body = await anonymous.GetStringAsync($"/api/publicity/notices?page={page}&pageSize=50");
            Assert.DoesNotContain(id.ToString(), body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("applicationId", body, StringComparison.OrdinalIgnoreCase);
            var answer = JsonDocument.Parse(body).RootElement;
            notices.AddRange(answer.GetProperty("items").EnumerateArray());
            if (page * 50 >= answer.GetProperty("total").GetInt64())
            {
                break;
            }
        }

        var html = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/publicity"));
        Assert.DoesNotContain(id.ToString(), html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("公示己", html, StringComparison.Ordinal);

        var (notice, entry) = notices.SelectMany(n => n.GetProperty("entries").EnumerateArray().Select(e => (Notice: n, Entry: e)))
            .Single(x => x.Entry.GetProperty("applicantName").GetString() == "公示己");
        using var lodged = await anonymous.PostAsJsonAsync("/api/publicity/objections", new
        {
            noticeId = notice.GetProperty("id").GetGuid(),
            row = entry.GetProperty("row").GetInt32(),
            summary = "该申报人的业绩材料与实际情况不符。",
            contactName = "王先生",
            contact = "0510-88888888",
        });
        Assert.Equal(HttpStatusCode.Created, lodged.StatusCode);
        Assert.Contains("objection_lodged", await publicity.Infrastructure.EventTypesAsync(id));

        using var noSuchRow = await anonymous.PostAsJsonAsync("/api/publicity/objections", new
        {
            noticeId = notice.GetProperty("id").GetGuid(),
            row = 100_000,
            summary = "该申报人的业绩材料与实际情况不符。",
            contactName = "王先生",
            contact = "0510-88888888",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noSuchRow.StatusCode);

        // The page's form names the same line: its option value is the notice and the row, and the objection lands.
        using var person = new Person(publicity.Address);
        var token = await person.FormTokenAsync("/publicity");
        var form = WebUtility.HtmlDecode(await person.Http.GetStringAsync("/publicity"));
        var option = System.Text.RegularExpressions.Regex.Match(form, "<option value=\"([^\"]+)\">公示己（");
        Assert.Equal($"{notice.GetProperty("id").GetGuid()}:{entry.GetProperty("row").GetInt32()}", option.Groups[1].Value);
        using var viaPage = await person.Http.PostAsync("/publicity/objections", new FormUrlEncodedContent(
            [token, new("entry", option.Groups[1].Value), new("summary", "该申报人的业绩材料与实际情况不符。"), new("contactName", "李女士"), new("contact", "someone@example.cn")]));
        Assert.Equal(HttpStatusCode.Redirect, viaPage.StatusCode);
        Assert.Equal(2, (await publicity.Infrastructure.EventTypesAsync(id)).Count(t => t == "objection_lodged"));
    }

    [Fact]
    public async Task Replaying_a_stream_whose_Published_end_was_moved_one_working_day_earlier_reports_the_violation()
    {
        var id = await publicity.ApprovedAndPublishedAsync("公示戊");
        publicity.SetBusinessTime(DayAfterEnd);
        await CompleteEndedAsync();
        Assert.Empty(PublicityRuleCheck.Verify(await StreamAsync(id), PublicityRuleCheck.ShippedCalendar));

        // 2023-06-01 + 5 working days ends on 06-07; one working day earlier is 06-06.
        Assert.Equal(1, await publicity.Infrastructure.ScalarAsync(
            "with t as (update ledger.mt_events set data = jsonb_set(data, '{End}', '\"2023-06-06\"') where stream_id = @id and type = 'published' returning 1) select count(*) from t", ("id", id)));

        var finding = Assert.Single(PublicityRuleCheck.Verify(await StreamAsync(id), PublicityRuleCheck.ShippedCalendar));
        Assert.Equal("四(一)", finding.Clause);
        Assert.Contains("2023-06-07", finding.English, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_working_day_API_answers_with_the_calendar_version()
    {
        using var anonymous = publicity.Client();
        var end = await anonymous.GetFromJsonAsync<JsonElement>("/api/working-days/end?start=2023-09-27&days=5");
        Assert.Equal("2023-09-27", end.GetProperty("start").GetString());
        Assert.Equal(5, end.GetProperty("days").GetInt32());
        Assert.Equal("2023-10-09", end.GetProperty("end").GetString());
        Assert.Equal(TitleReview.Domain.WorkingDays.WorkingDayCalendar.Official.Version, end.GetProperty("calendarVersion").GetString());

        var count = await anonymous.GetFromJsonAsync<JsonElement>("/api/working-days/count?from=2024-12-30&to=2025-01-05");
        Assert.Equal(4, count.GetProperty("workingDays").GetInt32());
    }

    /// <summary>
    /// One run of the completion job now, as its poll would run it. The fixture's own job polls every second on the
    /// same clock, so the two may reach a stream together; the ledger's version check lets one win (the job is safe
    /// to run twice by design) and the loser simply runs again, as its next poll would.
    /// </summary>
    private async Task CompleteEndedAsync()
    {
        try
        {
            await CompletionJob.CompleteEndedAsync(CancellationToken.None);
        }
        catch (JasperFx.ConcurrencyException)
        {
            await CompletionJob.CompleteEndedAsync(CancellationToken.None);
        }
    }

    private static object Objection(Guid id) => new { applicationId = id, summary = "该申报人的业绩材料与实际情况不符。", contactName = "王先生", contact = "0510-88888888" };

    private async Task<Guid> LodgeAsync(Guid id)
    {
        using var anonymous = publicity.Client();
        using var lodged = await anonymous.PostAsJsonAsync("/api/publicity/objections", Objection(id));
        Assert.Equal(HttpStatusCode.Created, lodged.StatusCode);
        return (await lodged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<IReadOnlyList<object>> StreamAsync(Guid id)
    {
        await using var query = publicity.Host.Services.GetRequiredService<LedgerSessions>().Query();
        var events = await query.Events.FetchStreamAsync(id);
        return events.Select(e => e.Data).ToList();
    }
}
