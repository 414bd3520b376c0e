using TitleReview.Publicity.Features.Notices;

namespace TitleReview.Publicity.IntegrationTests;

/// <summary>The Publicity service alone on a ledger of its own; what other services would do is forged or published as their relay would.</summary>
public sealed class PublicityFixture : OneServiceFixture<PublicityPeriod>
{
    protected override string Schema => "publicity";
}

[CollectionDefinition(Name)]
public sealed class PublicityCollection : ICollectionFixture<PublicityFixture>
{
    public const string Name = "publicity alone";
}
