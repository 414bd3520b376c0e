using System.Net;
using System.Net.Http.Json;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Review.IntegrationTests;

[Collection(ReviewCollection.Name)]
public sealed class ConcurrencyTests(ReviewFixture review) : IAsyncLifetime
{
    private readonly ReviewSteps steps = new(review);
    private readonly HttpClient reviewApi = review.Client(Roles.Reviewer);

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Business time back to the fixture's, pass or fail.</summary>
    public Task DisposeAsync()
    {
        review.ResetBusinessTime();
        reviewApi.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Two_approvals_of_the_same_version_at_once_cannot_both_win()
    {
        review.SetBusinessTime(ReviewSteps.InsideWindow);
        var id = await steps.SubmittedAsync("孙八");
        using var claimed = await reviewApi.PostAsJsonAsync($"/api/review/applications/{id}/claim", new { });
        var seen = (await claimed.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("version").GetInt64();

        // The claimant twice (two tabs): the approver is the caller, so only the stream version can tell them apart.
        var attempts = await Task.WhenAll(
            reviewApi.PostAsJsonAsync($"/api/review/applications/{id}/final-approval", new { expectedVersion = seen }),
            reviewApi.PostAsJsonAsync($"/api/review/applications/{id}/final-approval", new { expectedVersion = seen }));

        Assert.Single(attempts, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(attempts, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal(1, (await review.Infrastructure.EventTypesAsync(id)).Count(t => t == "final_approved"));
        foreach (var attempt in attempts)
        {
            attempt.Dispose();
        }
    }

    [Fact]
    public async Task An_approval_based_on_a_stale_version_is_refused()
    {
        review.SetBusinessTime(ReviewSteps.InsideWindow);
        var id = await steps.SubmittedAsync("周九");
        (await reviewApi.PostAsJsonAsync($"/api/review/applications/{id}/claim", new { })).Dispose();

        using var stale = await reviewApi.PostAsJsonAsync($"/api/review/applications/{id}/final-approval", new { expectedVersion = 1 });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.DoesNotContain("final_approved", await review.Infrastructure.EventTypesAsync(id));
    }
}
