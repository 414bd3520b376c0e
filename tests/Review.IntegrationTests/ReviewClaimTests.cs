using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Review.IntegrationTests;

/// <summary>
/// The acting reviewer is the signed-in caller, never a name in the request; only the one holding the claim
/// (ReviewStarted by them) may ask for a revision, reject or approve.
/// </summary>
[Collection(ReviewCollection.Name)]
public sealed class ReviewClaimTests(ReviewFixture review) : ReviewTest(review)
{
    [Fact]
    public async Task Approval_records_the_caller_not_a_reviewer_named_in_the_body_and_needs_the_callers_claim()
    {
        Review.SetBusinessTime(ReviewSteps.InsideWindow);
        var id = await Steps.SubmittedAsync("认领终审");

        using (var unclaimed = await ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/final-approval", new { }))
        {
            Assert.Equal(HttpStatusCode.Conflict, unclaimed.StatusCode);
            Assert.Contains("认领", await unclaimed.Content.ReadAsStringAsync());
        }

        using (var unclaimedRejection = await ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/rejection", new { reason = "材料不全" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, unclaimedRejection.StatusCode);
        }

        using (var claimed = await ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/claim", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        }

        using (var impersonating = await ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/final-approval", new { reviewerId = "reviewer-forged" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, impersonating.StatusCode);
            Assert.Equal("application/problem+json", impersonating.Content.Headers.ContentType?.MediaType);
        }

        using (var approved = await ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/final-approval", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }

        Assert.Equal(0, await Review.Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where data->>'ReviewerId' = 'reviewer-forged'"));
        Assert.Equal(1, await Review.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type = 'final_approved' and data->>'ReviewerId' = headers->>'user-id' and data->>'ReviewerId' = 'dev-reviewer'",
            ("id", id)));
        Assert.Equal(0, await Review.Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where stream_id = @id and type = 'application_rejected'", ("id", id)));
    }

    [Fact]
    public async Task Another_reviewer_cannot_approve_or_reject_a_file_someone_else_claimed()
    {
        Review.SetBusinessTime(ReviewSteps.InsideWindow);
        var id = await Steps.SubmittedAsync("他人认领");
        using var wang = new Person(Review.Address);
        (await wang.SignInAsync("reviewer-wang")).Dispose();
        var token = await wang.FormTokenAsync($"/review/applications/{id}");
        using (var claimed = await wang.Http.PostAsync($"/review/applications/{id}/claim", new FormUrlEncodedContent([token, new("expectedVersion", "1")])))
        {
            Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        }

        using (var approved = await ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/final-approval", new { }))
        {
            Assert.Equal(HttpStatusCode.Conflict, approved.StatusCode);
        }

        using (var rejected = await ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/rejection", new { reason = "材料不全" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, rejected.StatusCode);
        }

        Assert.Equal(0, await Review.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type in ('final_approved', 'application_rejected')", ("id", id)));
    }

    public static TheoryData<string, string[]> BrokenReviewForms() => new()
    {
        { "claim", [] },
        { "claim", ["expectedVersion="] },
        { "claim", ["expectedVersion=abc"] },
        { "claim", ["expectedVersion=99999999999999999999999"] },
        { "approval", [] },
        { "rejection", ["reason=材料不全"] },
        { "revision", ["basicComment=请补充"] },
    };

    [Theory]
    [MemberData(nameof(BrokenReviewForms))]
    public async Task A_review_form_without_its_version_or_with_a_malformed_one_is_a_400_problem(string action, string[] fields)
    {
        Review.SetBusinessTime(ReviewSteps.InsideWindow);
        var id = await Steps.SubmittedAsync("表单缺项");
        using var wang = new Person(Review.Address);
        (await wang.SignInAsync("reviewer-wang")).Dispose();
        var token = await wang.FormTokenAsync($"/review/applications/{id}");

        using var posted = await wang.Http.PostAsync($"/review/applications/{id}/{action}", Form(token, fields));

        await AssertBilingualProblemAsync(posted);
        Assert.Equal(1, await Review.Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where stream_id = @id", ("id", id)));
    }

    public static TheoryData<string[]> BrokenVoteForms() => new()
    {
        { [] },
        { ["votesFor=4", "votesAgainst=2"] },
        { ["applicationId=nonsense", "votesFor=4", "votesAgainst=2", "abstentions=0"] },
        { ["votesFor=four", "votesAgainst=2", "abstentions=0"] },
        { ["votesFor=99999999999", "votesAgainst=2", "abstentions=0"] },
        { ["votesFor=2147483647", "votesAgainst=2147483647", "abstentions=5"] },
        { ["votesFor=-1", "votesAgainst=7", "abstentions=0"] },
    };

    [Theory]
    [MemberData(nameof(BrokenVoteForms))]
    public async Task A_committee_vote_form_with_a_missing_or_malformed_count_is_a_400_problem(string[] fields)
    {
        Review.SetBusinessTime(ReviewSteps.InsideWindow);
        using var secretary = new Person(Review.Address);
        (await secretary.SignInAsync("secretary-zhao")).Dispose();
        var token = await secretary.FormTokenAsync("/committee");
        using var created = await secretary.Http.PostAsync("/committee/meetings", new FormUrlEncodedContent(
            [token, new("meetingDate", "2023-06-01"), new("members", "委员甲\n委员乙\n委员丙"), new("present", "委员甲\n委员乙\n委员丙")]));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var meeting = created.Headers.Location!.OriginalString;
        var application = Guid.NewGuid();
        var withApplication = fields.Length == 0 || fields.Any(f => f.StartsWith("applicationId=", StringComparison.Ordinal)) ? fields : [$"applicationId={application}", .. fields];

        using var posted = await secretary.Http.PostAsync($"{meeting}/votes", Form(token, withApplication));

        await AssertBilingualProblemAsync(posted);
        Assert.Equal(0, await Review.Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where stream_id = @id", ("id", application)));
    }

    [Fact]
    public async Task A_meeting_form_with_a_malformed_date_is_a_400_problem()
    {
        using var secretary = new Person(Review.Address);
        (await secretary.SignInAsync("secretary-zhao")).Dispose();
        var token = await secretary.FormTokenAsync("/committee");

        using var posted = await secretary.Http.PostAsync("/committee/meetings", Form(token, ["meetingDate=yesterday", "members=委员甲", "present=委员甲"]));

        await AssertBilingualProblemAsync(posted);
    }

    private static FormUrlEncodedContent Form(KeyValuePair<string, string> token, IEnumerable<string> fields) =>
        new([token, .. fields.Select(f => f.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1]))]);

    private static async Task AssertBilingualProblemAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        var text = problem.GetRawText();
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", System.Text.RegularExpressions.Regex.Unescape(text));
        Assert.Matches("[A-Za-z]{4,} [a-z]{2,}", text);
    }
}
