using System.Net;
using System.Net.Http.Json;

namespace TitleReview.EndToEnd.Tests;

[Collection(SystemCollection.Name)]
public sealed class ConcurrencyTests(SystemFixture system)
{
    private readonly Journey journey = new(system);

    [Fact]
    public async Task Two_reviewers_approving_the_same_version_at_once_cannot_both_win()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var id = await journey.SubmitAsync("孙八");
        await journey.WaitUntilQueuedForReviewAsync(id);
        var seen = (await journey.StatusAsync(id)).GetProperty("version").GetInt64();

        var attempts = await Task.WhenAll(
            system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/final-approval", new { reviewerId = "reviewer-a", expectedVersion = seen }),
            system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/final-approval", new { reviewerId = "reviewer-b", expectedVersion = seen }));

        Assert.Single(attempts, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(attempts, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal(1, (await system.Infrastructure.EventTypesAsync(id)).Count(t => t == "final_approved"));
        foreach (var attempt in attempts)
        {
            attempt.Dispose();
        }
    }

    [Fact]
    public async Task An_approval_based_on_a_stale_version_is_refused()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var id = await journey.SubmitAsync("周九");
        await journey.WaitUntilQueuedForReviewAsync(id);

        using var stale = await system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/final-approval", new { reviewerId = "reviewer-a", expectedVersion = 0 });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.DoesNotContain("final_approved", await system.Infrastructure.EventTypesAsync(id));
    }
}
