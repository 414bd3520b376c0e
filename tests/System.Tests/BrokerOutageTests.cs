using TitleReview.Testing;

namespace TitleReview.SystemTests;

/// <summary>
/// The five services of one run, reaching RabbitMQ only through a proxy the outage test cuts: the shared broker keeps
/// serving every other test while these hosts lose it.
/// </summary>
public sealed class BrokerOutageFixture : SystemFixture
{
    public TcpProxy Broker { get; private set; } = null!;

    protected override Task BeforeHostsAsync()
    {
        var broker = new Uri(Infrastructure.Messaging);
        Broker = new TcpProxy(broker.Host, broker.IsDefaultPort ? 5672 : broker.Port);
        HostSettings["ConnectionStrings:messaging"] = new UriBuilder(broker) { Host = "127.0.0.1", Port = Broker.Port }.Uri.ToString();
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Broker.DisposeAsync();
    }
}

public sealed class BrokerOutageTests(BrokerOutageFixture system) : IClassFixture<BrokerOutageFixture>
{
    private readonly Journey journey = new(system);

    [Fact]
    public async Task Applications_submitted_while_RabbitMQ_is_down_for_30_seconds_all_reach_the_review_queue()
    {
        await system.SetBusinessTimeAsync(Journey.InsideWindow);

        var outage = System.Diagnostics.Stopwatch.StartNew();
        system.Broker.Cut();
        var submitted = new List<Guid>();
        try
        {
            // The ledger is the outbox: submissions succeed while the broker is away.
            for (var i = 0; i < 5; i++)
            {
                submitted.Add(await journey.SubmitAsync($"断网申报{i}"));
            }

            var rest = TimeSpan.FromSeconds(30) - outage.Elapsed;
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }

            // The outage was real for these hosts: they tried to reconnect and were turned away.
            Assert.True(system.Broker.RefusedWhileCut > 0, "no host tried to reach the broker during the outage");
            foreach (var id in submitted)
            {
                using var queued = await system.ReviewApi.GetAsync($"/api/review/queue/{id}");
                Assert.Equal(System.Net.HttpStatusCode.NotFound, queued.StatusCode);
            }
        }
        finally
        {
            system.Broker.Restore();
        }

        foreach (var id in submitted)
        {
            await journey.WaitUntilQueuedForReviewAsync(id, TimeSpan.FromSeconds(120));
        }

        Assert.Equal(5, submitted.Distinct().Count());
    }
}
