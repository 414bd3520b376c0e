using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using TitleReview.Certificate.Features.Issue;
using TitleReview.Contracts.Events;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.Testing;

namespace TitleReview.Certificate.IntegrationTests;

/// <summary>
/// The Certificate service alone on a ledger of its own (database and virtual host), listening on a real port for the
/// browser, with forged histories and forged CommitteeDecided messages: the service must trust only the ledger.
/// </summary>
public sealed class CertificateLedgerFixture : IAsyncLifetime
{
    public TestInfrastructure Infrastructure { get; private set; } = null!;
    public ServiceHost<CertificateRecord> Certificate { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;
    public LedgerForger Forger { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Infrastructure = await TestInfrastructure.StartAsync();
        var port = Ports.Free();
        Address = new Uri($"http://127.0.0.1:{port}");
        Certificate = new ServiceHost<CertificateRecord>(Infrastructure, new Dictionary<string, string>
        {
            ["Certificate:Pdf:PublicBaseUrl"] = Address.ToString().TrimEnd('/'),
        });
        Certificate.UseKestrel(port);
        Certificate.StartServer();
        Forger = new LedgerForger(Infrastructure.EventStore);
    }

    public HttpClient Client(string? role = null)
    {
        var client = new HttpClient { BaseAddress = Address };
        return role is null ? client : client.As(role);
    }

    /// <summary>Publishes a CommitteeDecided as Review's relay would, and waits until the Certificate consumer has handled it.</summary>
    public async Task DecideAsync(Guid applicationId, bool passed = true)
    {
        var messageId = NewId.NextGuid();
        await Certificate.Services.GetRequiredService<IBus>().Publish(
            new CommitteeDecided(applicationId, Guid.NewGuid(), new DateOnly(2023, 9, 1), 9, 7, passed ? 6 : 2, passed ? 1 : 5, 0, passed, DateTimeOffset.UtcNow),
            context => context.MessageId = messageId);
        await Eventually.ReturnsAsync<long?>(
            async () => await Infrastructure.ScalarAsync("select count(*) from certificate.mt_doc_processedmessage where id = @id", ("id", $"IssueOnCommitteePass:{messageId}")),
            count => count == 1, TimeSpan.FromSeconds(60), $"the Certificate service to handle the decision on {applicationId}");
    }

    public Task<long> CertificatesOfAsync(Guid applicationId) =>
        Infrastructure.ScalarAsync("select count(*) from ledger.mt_events where stream_id = @id and type = 'certificate_issued'", ("id", applicationId));

    public async Task DisposeAsync()
    {
        Forger.Dispose();
        await Certificate.DisposeAsync();
        await Infrastructure.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class CertificateLedgerCollection : ICollectionFixture<CertificateLedgerFixture>
{
    public const string Name = "certificate ledger";
}
