using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Review.IntegrationTests;

/// <summary>A Review test class: the steps, a reviewer's client, and business time returned to the fixture's after every test, pass or fail.</summary>
public abstract class ReviewTest(ReviewFixture review) : IAsyncLifetime
{
    protected ReviewFixture Review { get; } = review;

    protected ReviewSteps Steps { get; } = new(review);

    protected HttpClient ReviewApi { get; } = review.Client(Roles.Reviewer);

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync()
    {
        Review.ResetBusinessTime();
        ReviewApi.Dispose();
        return Task.CompletedTask;
    }
}
