using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TitleReview.Publicity.Features.Notices;
using TitleReview.ServiceDefaults.Time;

namespace TitleReview.Publicity.IntegrationTests;

/// <summary>The Publicity jobs as a second instance with its own clock and settings sees them; same database and broker as the fixture's.</summary>
[Collection(PublicityCollection.Name)]
public sealed class PublicityJobTests(PublicityFixture publicity) : IAsyncLifetime
{
    // The second instance must not consume: it would compete with the fixture's Publicity for the same queues, and a
    // consumer left behind by a host disposed while its bus was still starting takes messages meant for later tests.
    private static readonly KeyValuePair<string, string> NoQueues = new(TitleReview.EventStore.Messaging.MessagingRegistration.ConsumersSetting, "false");

    public Task InitializeAsync()
    {
        publicity.SetBusinessTime(PublicityHistory.InsideWindow);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        publicity.ResetBusinessTime();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Pending_approvals_are_published_automatically_at_the_configured_time_on_a_working_day()
    {
        // Monday 2023-06-05, 08:30 in Beijing.
        var beforeNine = new DateTimeOffset(2023, 6, 5, 0, 30, 0, TimeSpan.Zero);
        publicity.SetBusinessTime(beforeNine);
        await using var host = new ServiceHost<PublicityNotice>(publicity.Infrastructure, new Dictionary<string, string>
        {
            ["BusinessClock:StartAt"] = beforeNine.ToString("O"),
            ["Publicity:Jobs:AutoPublishAt"] = "09:00",
            [NoQueues.Key] = NoQueues.Value,
        });
        await using var automatic = host;
        using var officer = automatic.CreateClient().As(TitleReview.ServiceDefaults.Identity.Roles.PublicityOfficer);
        var job = automatic.Services.GetServices<IHostedService>().OfType<NoticeAutoPublishJob>().Single();

        var id = await publicity.ApprovedAsync("自动公示");
        await Eventually.ReturnsAsync<JsonElement?>(async () => await officer.GetFromJsonAsync<JsonElement>("/api/publicity/pending"),
            pending => pending!.Value.EnumerateArray().Any(e => e.GetProperty("id").GetGuid() == id), TimeSpan.FromSeconds(60), "the approval to wait for the next notice");

        // Runs never overlap: two more finished runs mean one started and ended after the approval was pending, still
        // before 09:00 business time, and it published nothing.
        var mark = job.CompletedRuns;
        await Eventually.ReturnsAsync<long?>(() => Task.FromResult<long?>(job.CompletedRuns), runs => runs >= mark + 2,
            TimeSpan.FromSeconds(60), "two more runs of the automatic publishing job");
        var businessNow = automatic.Services.GetRequiredService<AdjustableTimeProvider>().GetUtcNow();
        Assert.True(businessNow < beforeNine.AddMinutes(30), $"business time reached {businessNow:O}, not before 09:00 in Beijing");
        Assert.DoesNotContain("published", await publicity.Infrastructure.EventTypesAsync(id));

        automatic.Services.GetRequiredService<AdjustableTimeProvider>().SetUtcNow(beforeNine.AddMinutes(35));
        await Eventually.ReturnsAsync<IReadOnlyList<string>>(() => publicity.Infrastructure.EventTypesAsync(id)!, types => types.Contains("published"),
            TimeSpan.FromSeconds(60), "the job to publish the approval after 09:00");
        // What Intake shows as the application's publicity (status InPublicity, its start and end) is this event (ThinPathTests checks Intake's side).
        Assert.Equal(1, await publicity.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type = 'published' and data->>'Start' = '2023-06-05' and data->>'End' = '2023-06-09'", ("id", id)));
    }

    [Fact]
    public async Task A_service_that_was_down_over_the_end_date_completes_the_publicity_when_it_starts()
    {
        var id = await publicity.ApprovedAndPublishedAsync("停机补办");

        // The running instance still lives on 2023-06-01; a new one starting on 2023-06-09 must catch up at once,
        // long before its next poll an hour later.
        await using var restarted = new ServiceHost<PublicityNotice>(publicity.Infrastructure, new Dictionary<string, string>
        {
            ["BusinessClock:StartAt"] = new DateTimeOffset(2023, 6, 9, 2, 0, 0, TimeSpan.Zero).ToString("O"),
            ["Publicity:Jobs:PollInterval"] = "01:00:00",
            [NoQueues.Key] = NoQueues.Value,
        });
        using var client = restarted.CreateClient();

        await Eventually.ReturnsAsync<IReadOnlyList<string>>(() => publicity.Infrastructure.EventTypesAsync(id)!, types => types.Contains("publicity_completed"),
            TimeSpan.FromSeconds(60), "the restarted service to complete the publicity");
        Assert.Equal(1, await publicity.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type = 'publicity_completed' and data->>'ProofDate' = '2023-06-09'", ("id", id)));
    }

    [Fact]
    public async Task The_public_objection_endpoint_is_rate_limited()
    {
        await using var limited = new ServiceHost<PublicityNotice>(publicity.Infrastructure, new Dictionary<string, string> { ["Publicity:Jobs:ObjectionsPerMinute"] = "2", [NoQueues.Key] = NoQueues.Value });
        using var anonymous = limited.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await anonymous.PostAsJsonAsync("/api/publicity/objections", new { });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task An_oversized_objection_is_refused_before_it_is_read()
    {
        using var anonymous = publicity.Client();
        var huge = new string('异', 20_000);
        using var response = await anonymous.PostAsJsonAsync("/api/publicity/objections", new { applicationId = Guid.NewGuid(), summary = huge, contactName = "张", contact = "13800000000" });
        Assert.True(response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"got {response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
