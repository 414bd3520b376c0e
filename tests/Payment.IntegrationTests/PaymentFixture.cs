using TitleReview.Payment.Features.AssessFee;

namespace TitleReview.Payment.IntegrationTests;

/// <summary>The Payment service alone on a ledger of its own; what other services would do is forged or published as their relay would.</summary>
public sealed class PaymentFixture : OneServiceFixture<FeeAccount>
{
    protected override string Schema => "payment";
}

[CollectionDefinition(Name)]
public sealed class PaymentCollection : ICollectionFixture<PaymentFixture>
{
    public const string Name = "payment alone";
}
