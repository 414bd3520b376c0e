using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using TitleReview.EventStore.Messaging;

namespace TitleReview.Payment.IntegrationTests;

/// <summary>Consumer queues are quorum queues (replicated in a cluster): RabbitMQ accepts a quorum declaration of them and refuses a classic one.</summary>
[Collection(PaymentCollection.Name)]
public sealed class QueueTypeTests(PaymentFixture payment)
{
    [Fact]
    public async Task Payments_consumer_queue_is_a_quorum_queue()
    {
        var queues = payment.Host.Services.GetRequiredService<ConsumerQueues>().All;
        Assert.NotEmpty(queues);
        var factory = new ConnectionFactory { Uri = new Uri(payment.Infrastructure.Messaging) };
        await using var connection = await factory.CreateConnectionAsync();
        foreach (var queue in queues)
        {
            await using (var same = await connection.CreateChannelAsync())
            {
                await same.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                    arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
            }

            await using var other = await connection.CreateChannelAsync();
            var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() => other.QueueDeclareAsync(queue, durable: true, exclusive: false,
                autoDelete: false, arguments: new Dictionary<string, object?> { ["x-queue-type"] = "classic" }));
            Assert.Equal((ushort)406, refused.ShutdownReason?.ReplyCode);
        }
    }
}
