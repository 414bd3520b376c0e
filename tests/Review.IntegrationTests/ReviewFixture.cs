using TitleReview.Review.Features.ReviewQueue;

namespace TitleReview.Review.IntegrationTests;

/// <summary>The Review service alone on a ledger of its own; what other services would do is forged or published as their relay would.</summary>
public sealed class ReviewFixture : OneServiceFixture<ReviewQueueItem>
{
    protected override string Schema => "review";

    /// <summary>Appends other services' later facts to a stream Review already acted on (see <see cref="StreamForger"/>).</summary>
    public StreamForger Streams { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Streams = new StreamForger(Infrastructure.EventStore);
    }

    public override async Task DisposeAsync()
    {
        Streams?.Dispose();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ReviewCollection : ICollectionFixture<ReviewFixture>
{
    public const string Name = "review alone";
}
