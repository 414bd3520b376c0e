using System.Net;
using System.Net.Http.Json;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Review.IntegrationTests;

[Collection(ReviewCollection.Name)]
public sealed class ConcurrencyTests(ReviewFixture review) : ReviewTest(review)
{
    [Fact]
    public async Task Two_approvals_of_the_same_version_at_once_cannot_both_win()
    {
        Review.SetBusinessTime(ReviewSteps.InsideWindow);
        var id = await Steps.SubmittedAsync("孙八");
        using var claimed = await ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/claim", new { });
        var seen = (await claimed.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("version").GetInt64();

        // The claimant twice (two tabs): the approver is the caller, so only the stream version can tell them apart.
        var attempts = await Task.WhenAll(
            ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/final-approval", new { expectedVersion = seen }),
            ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/final-approval", new { expectedVersion = seen }));

        Assert.Single(attempts, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(attempts, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal(1, (await Review.Infrastructure.EventTypesAsync(id)).Count(t => t == "final_approved"));
        foreach (var attempt in attempts)
        {
            attempt.Dispose();
        }
    }

    [Fact]
    public async Task An_approval_based_on_a_stale_version_is_refused()
    {
        Review.SetBusinessTime(ReviewSteps.InsideWindow);
        var id = await Steps.SubmittedAsync("周九");
        (await ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/claim", new { })).Dispose();

        using var stale = await ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/final-approval", new { expectedVersion = 1 });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.DoesNotContain("final_approved", await Review.Infrastructure.EventTypesAsync(id));
    }
}
