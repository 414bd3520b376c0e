namespace TitleReview.Gateway.Tests;

/// <summary>The tests that share one running system behind the gateway; xunit needs the definition here.</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "gateway";
}
