using TitleReview.Review.Features.ReviewQueue;

namespace TitleReview.Review.IntegrationTests;

/// <summary>The Review service alone on a ledger of its own; what other services would do is forged or published as their relay would.</summary>
public sealed class ReviewFixture : OneServiceFixture<ReviewQueueItem>
{
    protected override string Schema => "review";
}

[CollectionDefinition(Name)]
public sealed class ReviewCollection : ICollectionFixture<ReviewFixture>
{
    public const string Name = "review alone";
}
