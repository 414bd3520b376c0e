using TitleReview.Testing;

namespace TitleReview.EndToEnd.Tests;

[Collection(SystemCollection.Name)]
public sealed class BrokerOutageTests(SystemFixture system)
{
    private readonly Journey journey = new(system);

    [Fact]
    public async Task Applications_submitted_while_RabbitMQ_is_down_for_30_seconds_all_reach_the_review_queue()
    {
        Assert.True(system.Infrastructure.CanControlBroker, "This test stops the real broker: run it through deploy/local/test.sh or .ci/run.");
        await system.SetBusinessTimeAsync(Journey.InsideWindow);

        var outage = System.Diagnostics.Stopwatch.StartNew();
        await system.Infrastructure.StopBrokerAsync();
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
        }
        finally
        {
            await system.Infrastructure.StartBrokerAsync();
        }

        foreach (var id in submitted)
        {
            await journey.WaitUntilQueuedForReviewAsync(id, TimeSpan.FromSeconds(120));
        }

        Assert.Equal(5, submitted.Distinct().Count());
    }
}
