using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TitleReview.EndToEnd.Tests;

/// <summary>
/// The acting reviewer is the signed-in caller, never a name in the request; only the one holding the claim
/// (ReviewStarted by them) may ask for a revision, reject or approve.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ReviewClaimTests(SystemFixture system)
{
    private readonly Journey journey = new(system);

    [Fact]
    public async Task Approval_records_the_caller_not_a_reviewer_named_in_the_body_and_needs_the_callers_claim()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var id = await journey.SubmitAsync("认领终审");
        await journey.WaitUntilQueuedForReviewAsync(id);

        using (var unclaimed = await system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/final-approval", new { }))
        {
            Assert.Equal(HttpStatusCode.Conflict, unclaimed.StatusCode);
            Assert.Contains("认领", await unclaimed.Content.ReadAsStringAsync());
        }

        using (var unclaimedRejection = await system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/rejection", new { reason = "材料不全" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, unclaimedRejection.StatusCode);
        }

        using (var claimed = await system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/claim", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        }

        using (var impersonating = await system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/final-approval", new { reviewerId = "reviewer-forged" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, impersonating.StatusCode);
            Assert.Equal("application/problem+json", impersonating.Content.Headers.ContentType?.MediaType);
        }

        using (var approved = await system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/final-approval", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }

        Assert.Equal(0, await system.Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where data->>'ReviewerId' = 'reviewer-forged'"));
        Assert.Equal(1, await system.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type = 'final_approved' and data->>'ReviewerId' = headers->>'user-id' and data->>'ReviewerId' = 'dev-reviewer'",
            ("id", id)));
        Assert.Equal(0, await system.Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where stream_id = @id and type = 'application_rejected'", ("id", id)));
    }

    [Fact]
    public async Task Another_reviewer_cannot_approve_or_reject_a_file_someone_else_claimed()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var id = await journey.SubmitAsync("他人认领");
        await journey.WaitUntilQueuedForReviewAsync(id);
        using var wang = new Person(system.ReviewAddress);
        (await wang.SignInAsync("reviewer-wang")).Dispose();
        var token = await wang.FormTokenAsync($"/review/applications/{id}");
        using (var claimed = await wang.Http.PostAsync($"/review/applications/{id}/claim", new FormUrlEncodedContent([token, new("expectedVersion", "1")])))
        {
            Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        }

        using (var approved = await system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/final-approval", new { }))
        {
            Assert.Equal(HttpStatusCode.Conflict, approved.StatusCode);
        }

        using (var rejected = await system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/rejection", new { reason = "材料不全" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, rejected.StatusCode);
        }

        Assert.Equal(0, await system.Infrastructure.ScalarAsync(
            "select count(*) from ledger.mt_events where stream_id = @id and type in ('final_approved', 'application_rejected')", ("id", id)));
    }
}
