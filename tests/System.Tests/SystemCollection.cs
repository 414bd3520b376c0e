using TitleReview.SystemTesting;

namespace TitleReview.SystemTests;

/// <summary>The tests that share one running system (all six services on one ledger); xunit needs the definition here.</summary>
[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}
