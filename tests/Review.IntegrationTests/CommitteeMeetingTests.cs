using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using TitleReview.Review.Features.CommitteeMeetings;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Review.IntegrationTests;

/// <summary>评委会集中评审: attendance decides whether a meeting may decide; votes at exactly 2/3 pass, one short fail; minutes list every decision.</summary>
[Collection(ReviewCollection.Name)]
public sealed class CommitteeMeetingTests(ReviewFixture review) : ReviewTest(review)
{
    private static readonly string[] Nine = ["委员甲", "委员乙", "委员丙", "委员丁", "委员戊", "委员己", "委员庚", "委员辛", "委员壬"];

    private readonly HttpClient committeeApi = review.Client(Roles.CommitteeSecretary);

    public override Task DisposeAsync()
    {
        committeeApi.Dispose();
        return base.DisposeAsync();
    }

    [Fact]
    public async Task Five_of_nine_present_is_one_short_of_quorum_and_the_meeting_cannot_decide()
    {
        Review.SetBusinessTime(ReviewSteps.InsideWindow);
        var meeting = await CreateMeetingAsync(present: 5);
        Assert.False(meeting.GetProperty("hasQuorum").GetBoolean());

        using var vote = await committeeApi.PostAsJsonAsync($"/api/committee/meetings/{meeting.GetProperty("id").GetGuid()}/votes",
            new { applicationId = Guid.NewGuid(), votesFor = 5, votesAgainst = 0, abstentions = 0 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, vote.StatusCode);
        Assert.Equal("committee-quorum", (await vote.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString());
        Assert.True((await CreateMeetingAsync(present: 6)).GetProperty("hasQuorum").GetBoolean());
    }

    [Fact]
    public async Task Exactly_two_thirds_of_those_present_passes_one_vote_short_fails_and_the_minutes_say_so()
    {
        var ids = await Steps.AwaitingCommitteeAsync("会议甲", "会议乙");
        var meeting = await CreateMeetingAsync(present: 6, date: "2023-06-08");
        var meetingId = meeting.GetProperty("id").GetGuid();
        var agenda = await committeeApi.GetFromJsonAsync<JsonElement>($"/api/committee/meetings/{meetingId}/agenda");
        Assert.All(ids, id => Assert.Contains(agenda.EnumerateArray(), a => a.GetProperty("applicationId").GetGuid() == id));

        using (var wrongCount = await Vote(meetingId, ids[0], 4, 1, 0))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrongCount.StatusCode);
        }

        var passed = await (await Vote(meetingId, ids[0], 4, 2, 0)).Content.ReadFromJsonAsync<JsonElement>();
        var failed = await (await Vote(meetingId, ids[1], 3, 2, 1)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(passed.GetProperty("passed").GetBoolean());
        Assert.False(failed.GetProperty("passed").GetBoolean());
        using (var again = await Vote(meetingId, ids[0], 6, 0, 0))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        Assert.Equal(1, await Review.Infrastructure.ScalarAsync(
            """
            select count(*) from ledger.mt_events where stream_id = @id and type = 'committee_decided' and (data->>'MeetingId')::uuid = @m
              and (data->>'MembersTotal')::int = 9 and (data->>'MembersPresent')::int = 6 and (data->>'VotesFor')::int = 4 and (data->>'Passed')::boolean
              and headers->>'user-role' = 'committee-secretary'
            """, ("id", ids[0]), ("m", meetingId)));
        // What Review records for the failed vote; Intake showing it as CommitteeFailed is CommitteeOutcomeJourneyTests in System.Tests.
        Assert.Equal(1, await Review.Infrastructure.ScalarAsync(
            """
            select count(*) from ledger.mt_events where stream_id = @id and type = 'committee_decided' and (data->>'MeetingId')::uuid = @m
              and (data->>'VotesFor')::int = 3 and not (data->>'Passed')::boolean
            """, ("id", ids[1]), ("m", meetingId)));
        var after = await committeeApi.GetFromJsonAsync<JsonElement>($"/api/committee/meetings/{meetingId}/agenda");
        Assert.DoesNotContain(after.EnumerateArray(), a => ids.Contains(a.GetProperty("applicationId").GetGuid()));

        var minutes = await committeeApi.GetByteArrayAsync($"/api/committee/meetings/{meetingId}/minutes");
        using var stream = new MemoryStream(minutes);
        var rows = stream.Query(useHeaderRow: true, sheetName: "表决结果").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["会议甲", "会议乙"], rows.Select(r => r["姓名"]?.ToString()));
        Assert.Equal(["通过", "未通过"], rows.Select(r => r["结果"]?.ToString()));
        Assert.Equal("6", rows[0]["实到"]?.ToString());
    }

    /// <summary>
    /// The agenda reads readiness from Review's folds (CommitteeCandidate) as far as its daemon got, and folds any
    /// stream past that point itself: with the daemon paused an application made ready is on the agenda at once, after
    /// the daemon folded it the agenda reads the fold, and once decided it leaves the agenda either way.
    /// </summary>
    [Fact]
    public async Task The_agenda_lists_what_the_ledger_made_ready_whether_or_not_the_daemon_has_folded_it_yet()
    {
        var coordinator = Review.Host.Services.GetRequiredService<IProjectionCoordinator>();
        var store = Review.Host.Services.GetRequiredService<IDocumentStore>();
        Guid id, meetingId;
        await coordinator.PauseAsync();
        try
        {
            id = (await Steps.AwaitingCommitteeAsync("议程甲"))[0];
            meetingId = (await CreateMeetingAsync(present: 6, date: "2023-06-08")).GetProperty("id").GetGuid();
            Assert.Contains(await AgendaAsync(meetingId), item => item == id);
            await using var query = store.QuerySession();
            Assert.NotEqual(true, (await query.LoadAsync<CommitteeCandidate>(id))?.Ready);
        }
        finally
        {
            await coordinator.ResumeAsync();
        }

        await Eventually.ReturnsAsync(
            async () =>
            {
                await using var query = store.QuerySession();
                return (await query.LoadAsync<CommitteeCandidate>(id))?.Ready;
            },
            ready => ready == true, TimeSpan.FromSeconds(60), "Review's daemon to fold the application as ready");
        await Eventually.ReturnsAsync(
            async () =>
            {
                var folded = await store.Advanced.ProjectionProgressFor(new ShardName(CommitteeCandidateProjection.ProjectionName));
                await using var query = store.QuerySession();
                return !await query.Events.QueryAllRawEvents().AnyAsync(e => e.Sequence > folded);
            },
            caughtUp => caughtUp, TimeSpan.FromSeconds(60), "Review's daemon to fold the whole ledger");
        Assert.Contains(await AgendaAsync(meetingId), item => item == id);

        using (var decided = await Vote(meetingId, id, 6, 0, 0))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        Assert.DoesNotContain(await AgendaAsync(meetingId), item => item == id);
    }

    private async Task<IReadOnlyList<Guid>> AgendaAsync(Guid meetingId) =>
        [.. (await committeeApi.GetFromJsonAsync<JsonElement>($"/api/committee/meetings/{meetingId}/agenda")).EnumerateArray()
            .Select(a => a.GetProperty("applicationId").GetGuid())];

    public static TheoryData<string, object> ImpossibleDecisions() => new()
    {
        // 2^30 present times 2 overflowed int to a negative number: zero yes votes "reached" two thirds and passed.
        { "membersTotal", new { membersTotal = 1 << 30, membersPresent = 1 << 30, votesFor = 0, votesAgainst = 1 << 30, abstentions = 0 } },
        { "membersTotal", new { membersTotal = int.MaxValue, membersPresent = int.MaxValue, votesFor = 0, votesAgainst = int.MaxValue, abstentions = 0 } },
        // int.MaxValue + int.MaxValue + 9 wrapped to 7, those present; int.MaxValue * 3 wrapped to a large positive number: a pass.
        { "votesFor", new { membersTotal = 9, membersPresent = 7, votesFor = int.MaxValue, votesAgainst = int.MaxValue, abstentions = 9 } },
        { "membersPresent", new { membersTotal = 9, membersPresent = -7, votesFor = 0, votesAgainst = 0, abstentions = 0 } },
        { "abstentions", new { membersTotal = 9, membersPresent = 7, votesFor = 6, votesAgainst = 2, abstentions = -1 } },
        { "membersPresent", new { membersTotal = 9, membersPresent = 10, votesFor = 10, votesAgainst = 0, abstentions = 0 } },
        { "votes", new { membersTotal = 9, membersPresent = 7, votesFor = 5, votesAgainst = 0, abstentions = 0 } },
    };

    [Fact]
    public async Task Impossible_or_overflowing_counts_are_refused_naming_the_field_and_nothing_is_decided()
    {
        var id = (await Steps.AwaitingCommitteeAsync("不可能票数"))[0];
        foreach (var (field, counts) in ImpossibleDecisions().Select(row => ((string)row[0], row[1])))
        {
            var body = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(counts))!.AsObject();
            body["applicationId"] = id;
            body["meetingDate"] = "2023-06-08";
            using var refused = await committeeApi.PostAsJsonAsync("/api/committee/decisions", body);

            var text = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{body.ToJsonString()} answered {(int)refused.StatusCode}: {text}");
            Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{body.ToJsonString()} should name {field}: {text}");
        }

        var meeting = (await CreateMeetingAsync(present: 6, date: "2023-06-08")).GetProperty("id").GetGuid();
        using (var wrapped = await Vote(meeting, id, int.MaxValue, int.MaxValue, 8))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrapped.StatusCode);
        }

        Assert.Equal(0, await Review.Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where stream_id = @id and type = 'committee_decided'", ("id", id)));
        using var decided = await Vote(meeting, id, 4, 2, 0);
        Assert.True((await decided.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task The_secretary_registers_a_meeting_on_the_page_and_an_inquorate_one_shows_it_cannot_decide()
    {
        Review.SetBusinessTime(ReviewSteps.InsideWindow);
        using var secretary = new Person(Review.Address);
        (await secretary.SignInAsync("secretary-zhao")).Dispose();
        var token = await secretary.FormTokenAsync("/committee");

        using var created = await secretary.Http.PostAsync("/committee/meetings", new FormUrlEncodedContent(
            [token, new("meetingDate", "2023-06-01"), new("members", string.Join('\n', Nine)), new("present", string.Join('\n', Nine.Take(5)))]));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = await secretary.Http.GetStringAsync(created.Headers.Location!.OriginalString);
        Assert.Contains("委员 9 人，出席 5 人", page);
        Assert.Contains("未达到，本次会议不能作出评审决定", page);
        Assert.DoesNotContain("记录表决", page);

        using var future = await secretary.Http.PostAsync("/committee/meetings", new FormUrlEncodedContent(
            [token, new("meetingDate", "2099-01-01"), new("members", "委员甲"), new("present", "委员甲")]));
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("会议日期不能晚于今天", await future.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_review_and_committee_API_is_described_in_OpenAPI()
    {
        var document = await ReviewApi.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Contains("/api/review/applications/{id}/claim", paths);
        Assert.Contains("/api/review/applications/{id}/revision", paths);
        Assert.Contains("/api/review/applications/{id}/final-approval", paths);
        Assert.Contains("/api/committee/meetings/{id}/votes", paths);
    }

    private async Task<JsonElement> CreateMeetingAsync(int present, string date = "2023-06-01")
    {
        using var created = await committeeApi.PostAsJsonAsync("/api/committee/meetings", new { meetingDate = date, members = Nine, present = Nine.Take(present) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await created.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> Vote(Guid meetingId, Guid applicationId, int votesFor, int against, int abstentions) =>
        committeeApi.PostAsJsonAsync($"/api/committee/meetings/{meetingId}/votes", new { applicationId, votesFor, votesAgainst = against, abstentions });
}
