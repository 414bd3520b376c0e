using JasperFx.Events.Daemon;
using Microsoft.Extensions.DependencyInjection;
using TitleReview.Contracts.Events;
using TitleReview.EventStore.Messaging;
using TitleReview.Intake.Features.Status;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Intake.IntegrationTests;

/// <summary>
/// Intake on a database and virtual host of its own with its relay running, a portal client, and what arrived in
/// Review's queue on the real broker: for the tests of the relay itself, which must not share a ledger with others.
/// </summary>
public sealed class RelayingIntake : IAsyncDisposable
{
    public static readonly string ReviewQueue =
        SubscriptionCatalog.All.Single(subscription => subscription.Events.Contains(typeof(ApplicationSubmitted))).Queue;

    private RelayingIntake(TestInfrastructure infrastructure, ServiceHost<ApplicationFile> host, HttpClient portal)
    {
        Infrastructure = infrastructure;
        Host = host;
        Portal = portal;
    }

    public TestInfrastructure Infrastructure { get; }

    public ServiceHost<ApplicationFile> Host { get; }

    public HttpClient Portal { get; }

    public static async Task<RelayingIntake> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var infrastructure = await TestInfrastructure.StartAsync();
        var port = Ports.Free();
        var all = new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["Intake:Portal:DeclarationOnlyClients:0"] = "dev-portal",
        };
        var host = new ServiceHost<ApplicationFile>(infrastructure, all);
        try
        {
            host.UseKestrel(port);
            host.StartServer();
            await host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase()
                .WaitForShardToBeRunning("IntakeRelay:All", TimeSpan.FromSeconds(60));
        }
        catch
        {
            // A start that failed still leaves a database and a virtual host to drop.
            await host.DisposeAsync();
            await infrastructure.DisposeAsync();
            throw;
        }

        return new RelayingIntake(infrastructure, host, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") }.As(Roles.Portal));
    }

    /// <summary>Waits until Review's queue holds exactly <paramref name="expected"/> messages.</summary>
    public Task InReviewQueueAsync(long expected, string what) =>
        Eventually.ReturnsAsync(async () => (long?)await Infrastructure.ReadyMessagesAsync(ReviewQueue),
            count => count == expected, TimeSpan.FromSeconds(60), $"{what} in {ReviewQueue}");

    public async ValueTask DisposeAsync()
    {
        Portal.Dispose();
        await Host.DisposeAsync();
        await Infrastructure.DisposeAsync();
    }
}
