using TitleReview.Certificate.Features.Issue;
using TitleReview.Contracts.Events;

namespace TitleReview.Certificate.IntegrationTests;

/// <summary>
/// The Certificate service alone on a ledger of its own (database and virtual host), listening on a real port for the
/// browser, with forged histories and forged CommitteeDecided messages: the service must trust only the ledger.
/// </summary>
public sealed class CertificateLedgerFixture : OneServiceFixture<CertificateRecord>
{
    protected override string Schema => "certificate";

    /// <summary>The certificate's QR code points at the verification page of this very host.</summary>
    protected override Dictionary<string, string> Settings(Uri address) => new()
    {
        ["Certificate:Pdf:PublicBaseUrl"] = address.ToString().TrimEnd('/'),
    };

    /// <summary>Publishes a CommitteeDecided as Review's relay would, and waits until the Certificate consumer has handled it.</summary>
    public Task DecideAsync(Guid applicationId, bool passed = true) =>
        PublishAsync(
            new CommitteeDecided(applicationId, Guid.NewGuid(), new DateOnly(2023, 9, 1), 9, 7, passed ? 6 : 2, passed ? 1 : 5, 0, passed, DateTimeOffset.UtcNow),
            "IssueOnCommitteePass");

    public Task<long> CertificatesOfAsync(Guid applicationId) =>
        Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where stream_id = @id and type = 'certificate_issued'", ("id", applicationId));
}

[CollectionDefinition(Name)]
public sealed class CertificateLedgerCollection : ICollectionFixture<CertificateLedgerFixture>
{
    public const string Name = "certificate ledger";
}
