using TitleReview.Intake.Features.Status;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Intake.IntegrationTests;

/// <summary>The Intake service alone on a ledger of its own; what other services would do is forged or published as their relay would.</summary>
public sealed class IntakeFixture : OneServiceFixture<ApplicationFile>
{
    protected override string Schema => "intake";

    /// <summary>The first development portal client (allowed schema v1), as the system tests' IntakeApi.</summary>
    public HttpClient Portal { get; private set; } = null!;

    /// <summary>
    /// The first development portal client may still send the declaration-only application (schema v1), as a deployment
    /// would allow a portal not yet moved to v2; another committee's cycle is loaded as data (Cycles:Directory).
    /// </summary>
    protected override Dictionary<string, string> Settings(Uri address) => new()
    {
        ["Intake:Portal:DeclarationOnlyClients:0"] = "dev-portal",
        ["Cycles:Directory"] = OtherCommittee.WriteDirectory(),
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Portal = Client(Roles.Portal);
    }

    public override async Task DisposeAsync()
    {
        Portal.Dispose();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class IntakeCollection : ICollectionFixture<IntakeFixture>
{
    public const string Name = "intake alone";
}
