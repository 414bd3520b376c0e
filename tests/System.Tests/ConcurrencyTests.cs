using System.Net;
using System.Net.Http.Json;

namespace TitleReview.SystemTests;

[Collection(SystemCollection.Name)]
public sealed class ConcurrencyTests(SystemFixture system)
{
    private readonly Journey journey = new(system);

    [Fact]
    public async Task Two_approvals_of_the_same_version_at_once_cannot_both_win()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);
        var id = await journey.SubmitAsync("孙八");
        await journey.WaitUntilQueuedForReviewAsync(id);
        using var claimed = await system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/claim", new { });
        var seen = (await claimed.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("version").GetInt64();

        // The claimant twice (two tabs): the approver is the caller, so only the stream version can tell them apart.
        var attempts = await Task.WhenAll(
            system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/final-approval", new { expectedVersion = seen }),
            system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/final-approval", new { expectedVersion = seen }));

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
        (await system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/claim", new { })).Dispose();

        using var stale = await system.ReviewApi.PostAsJsonAsync($"/api/review/applications/{id}/final-approval", new { expectedVersion = 1 });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.DoesNotContain("final_approved", await system.Infrastructure.EventTypesAsync(id));
    }
}
