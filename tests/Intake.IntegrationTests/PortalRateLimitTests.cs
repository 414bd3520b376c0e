using System.Net;
using System.Net.Http.Headers;
using TitleReview.Intake.Features.Status;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Intake.IntegrationTests;

/// <summary>Each portal client has its own request budget: one client over it gets 429, another carries on.</summary>
[Collection(IntakeCollection.Name)]
public sealed class PortalRateLimitTests(IntakeFixture intake) : IntakeTest(intake)
{
    [Fact]
    public async Task A_client_over_its_budget_is_stopped_and_another_client_is_not()
    {
        // A second Intake with a tight budget; it consumes no messages, so it cannot take the fixture's work.
        await using var strict = new ServiceHost<ApplicationFile>(Intake.Infrastructure, new Dictionary<string, string>
        {
            ["Messaging:Consumers"] = "false",
            ["Intake:RateLimit:PerMinute"] = "3",
        });
        using var first = strict.CreateClient().As(Roles.Portal);
        using var second = strict.CreateClient().AsSecondPortal();

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await first.GetAsync($"/api/applications/{Guid.NewGuid()}");
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
        }

        using var stopped = await first.GetAsync($"/api/applications/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.TooManyRequests, stopped.StatusCode);
        Assert.Equal("application/problem+json", stopped.Content.Headers.ContentType?.MediaType);

        using var other = await second.GetAsync($"/api/applications/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }
}
