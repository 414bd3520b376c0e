using TitleReview.Payment.Features.AssessFee;

namespace TitleReview.Payment.IntegrationTests;

/// <summary>The Payment service alone on a ledger of its own; what other services would do is forged or published as their relay would.</summary>
public sealed class PaymentFixture : OneServiceFixture<FeeAccount>
{
    protected override string Schema => "payment";

    /// <summary>
    /// Payment's jobs (the overdue lapse, the fee waiting for a calendar) run once at start-up and then not again on
    /// their own: the tests run them at the business time they set, and a background run on the clock a finished test
    /// reset to (today, long after every 2023 due date) would lapse earlier tests' fees, or race a test's own run.
    /// </summary>
    protected override Dictionary<string, string> Settings(Uri address) => new()
    {
        ["Payment:Jobs:PollInterval"] = "1.00:00:00",
    };
}

[CollectionDefinition(Name)]
public sealed class PaymentCollection : ICollectionFixture<PaymentFixture>
{
    public const string Name = "payment alone";
}
