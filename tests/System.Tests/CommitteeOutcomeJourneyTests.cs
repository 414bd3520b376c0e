using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TitleReview.SystemTests;

/// <summary>
/// A committee meeting's vote, recorded in Review, reaches Intake: the applicant's status follows the committee.
/// The meeting rules themselves are Review's, in Review.IntegrationTests' CommitteeMeetingTests.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class CommitteeOutcomeJourneyTests(SystemFixture system)
{
    private static readonly string[] Nine = ["委员甲", "委员乙", "委员丙", "委员丁", "委员戊", "委员己", "委员庚", "委员辛", "委员壬"];

    private readonly Journey journey = new(system);

    [Fact]
    public async Task A_meeting_vote_one_short_of_two_thirds_shows_at_Intake_as_CommitteeFailed()
    {
        var id = (await journey.AwaitingCommitteeAsync(("会议乙", Journey.NewIdNumber())))[0];
        using var created = await system.CommitteeApi.PostAsJsonAsync("/api/committee/meetings", new { meetingDate = "2023-06-08", members = Nine, present = Nine.Take(6) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var meetingId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var vote = await system.CommitteeApi.PostAsJsonAsync($"/api/committee/meetings/{meetingId}/votes",
            new { applicationId = id, votesFor = 3, votesAgainst = 2, abstentions = 1 });
        Assert.Equal(HttpStatusCode.OK, vote.StatusCode);
        Assert.False((await vote.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("passed").GetBoolean());

        await journey.StatusBecomesAsync(id, "CommitteeFailed");
    }
}
