using TitleReview.Intake.Features.Status;

namespace TitleReview.Intake.IntegrationTests;

/// <summary>The Intake service alone on a ledger of its own; what other services would do is forged or published as their relay would.</summary>
public sealed class IntakeFixture : OneServiceFixture<ApplicationFile>
{
    protected override string Schema => "intake";

    /// <summary>
    /// The first development portal client may still send the declaration-only application (schema v1), as a deployment
    /// would allow a portal not yet moved to v2; another committee's cycle is loaded as data (Cycles:Directory).
    /// </summary>
    protected override Dictionary<string, string> Settings(Uri address) => new()
    {
        ["Intake:Portal:DeclarationOnlyClients:0"] = "dev-portal",
        ["Cycles:Directory"] = OtherCommittee.WriteDirectory(),
    };
}

[CollectionDefinition(Name)]
public sealed class IntakeCollection : ICollectionFixture<IntakeFixture>
{
    public const string Name = "intake alone";
}
