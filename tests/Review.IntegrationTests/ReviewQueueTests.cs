using System.Net;
using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Review.IntegrationTests;

[Collection(ReviewCollection.Name)]
public sealed class ReviewQueueTests(ReviewFixture review)
{
    [Fact]
    public async Task A_submission_Intake_relays_joins_the_queue_and_a_portal_client_cannot_read_it()
    {
        var id = await review.Forger.AppendAsync(id => CleanHistory.Build(id, "队列测试").Take(1));
        var submitted = (ApplicationSubmitted)(CleanHistory.Build(id, "队列测试")[0].Event);
        await review.PublishAsync(submitted, "QueueSubmittedApplications");

        using var asReviewer = await review.Client(Roles.Reviewer).GetAsync($"/api/review/queue/{id}");
        Assert.Equal(HttpStatusCode.OK, asReviewer.StatusCode);
        Assert.Contains("队列测试", await asReviewer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var asPortal = await review.Client(Roles.Portal).GetAsync($"/api/review/queue/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, asPortal.StatusCode);
    }
}
