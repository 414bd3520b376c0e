using Microsoft.Extensions.DependencyInjection;
using TitleReview.Contracts.Events;
using TitleReview.EventStore.Messaging;

namespace TitleReview.SystemTests;

/// <summary>
/// The queues every relay declares in advance (SubscriptionCatalog) are the very queues MassTransit consumes from: a
/// name that differed would leave each event in a queue nobody reads, and the consumer's own queue empty until it started.
/// (Audit consumes nothing: it reads the ledger.)
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ConsumerQueueNameTests(SystemFixture system)
{
    [Fact]
    public void The_catalogued_queues_are_the_queues_the_services_consume_from()
    {
        var consumed = new[] { system.Intake.Services, system.Review.Services, system.Publicity.Services, system.Payment.Services, system.Certificate.Services }
            .SelectMany(services => services.GetRequiredService<ConsumerQueues>().All)
            .Order(StringComparer.Ordinal);

        Assert.Equal(SubscriptionCatalog.All.Select(s => s.Queue).Order(StringComparer.Ordinal), consumed);
    }
}
