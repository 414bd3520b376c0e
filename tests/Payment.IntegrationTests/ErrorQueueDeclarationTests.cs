using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using TitleReview.EventStore.Messaging;

namespace TitleReview.Payment.IntegrationTests;

/// <summary>
/// The dead-letter count looks at every consumer's error queue every 30 s. A passive look at one that does not exist
/// yet is an error in the broker's log, so the first look declares it as MassTransit would; what MassTransit does
/// with it at a fault is shown by <see cref="DeadLetterReplayTests"/>. Queue names of their own, so a run on a shared
/// virtual host (connection strings from the environment) finds nothing of an earlier run.
/// </summary>
public sealed class ErrorQueueDeclarationTests
{
    [Fact]
    public async Task The_first_count_declares_the_error_queue_as_masstransit_would_and_counts_what_reaches_it()
    {
        await using var infrastructure = await TestInfrastructure.StartAsync();
        var (store, errorQueue) = StoreOf(infrastructure, $"payment-declared-{Guid.NewGuid():N}", quorum: true);
        await using var connection = await ConnectAsync(infrastructure);

        Assert.Equal(0, await store.CountAsync(CancellationToken.None));

        await AssertDeclaredAsMassTransitWouldAsync(connection, errorQueue);

        // MassTransit moves a failed message to the exchange of the error queue's name: it is bound.
        await PublishAsync(connection, errorQueue, count: 2);
        Assert.Equal(2, await store.CountAsync(CancellationToken.None));
        Assert.Equal(2, await store.CountAsync(CancellationToken.None));
        Assert.Equal(2, (await store.ListAsync(1, CancellationToken.None)).Single().Count);
    }

    [Fact]
    public async Task An_error_queue_of_another_type_is_counted_as_it_is_and_one_deleted_is_declared_again()
    {
        await using var infrastructure = await TestInfrastructure.StartAsync();
        var (store, errorQueue) = StoreOf(infrastructure, $"payment-classic-{Guid.NewGuid():N}", quorum: true);
        await using var connection = await ConnectAsync(infrastructure);
        // Declared classic before Messaging:QuorumQueues was turned on: the type of a queue cannot change.
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.ExchangeDeclareAsync(errorQueue, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueDeclareAsync(errorQueue, durable: true, exclusive: false, autoDelete: false);
            await channel.QueueBindAsync(errorQueue, errorQueue, "");
        }

        await PublishAsync(connection, errorQueue, count: 3);
        Assert.Equal(3, await store.CountAsync(CancellationToken.None));
        Assert.Equal(3, await store.CountAsync(CancellationToken.None));

        // Deleted by hand after the store knew it: counted 0 once, then declared again (now as configured).
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeleteAsync(errorQueue);
        }

        Assert.Equal(0, await store.CountAsync(CancellationToken.None));
        Assert.Equal(0, await store.CountAsync(CancellationToken.None));
        await AssertDeclaredAsMassTransitWouldAsync(connection, errorQueue);
    }

    /// <summary>
    /// Queue and exchange exist (passive looks are answered); MassTransit's declarations are accepted (a quorum queue, a
    /// durable fanout exchange); a classic queue or a direct exchange of the same name is refused.
    /// </summary>
    private static async Task AssertDeclaredAsMassTransitWouldAsync(IConnection connection, string queue)
    {
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclarePassiveAsync(queue);
            await channel.ExchangeDeclarePassiveAsync(queue);
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, Quorum);
            await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true, autoDelete: false);
        }

        await AssertRefusedAsync(connection, channel => channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false));
        await AssertRefusedAsync(connection, channel => channel.ExchangeDeclareAsync(queue, ExchangeType.Direct, durable: true, autoDelete: false));
    }

    private static async Task AssertRefusedAsync(IConnection connection, Func<IChannel, Task> declare)
    {
        await using var channel = await connection.CreateChannelAsync();
        var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() => declare(channel));
        Assert.Equal(406, (int?)refused.ShutdownReason?.ReplyCode);
    }

    private static readonly Dictionary<string, object?> Quorum = new() { ["x-queue-type"] = "quorum" };

    private static (DeadLetterStore Store, string ErrorQueue) StoreOf(TestInfrastructure infrastructure, string queue, bool quorum)
    {
        var queues = new ConsumerQueues();
        queues.Add(queue);
        return (new DeadLetterStore(new Uri(infrastructure.Messaging), queues, quorum), ConsumerQueues.ErrorQueueOf(queue));
    }

    private static Task<IConnection> ConnectAsync(TestInfrastructure infrastructure) =>
        new ConnectionFactory { Uri = new Uri(infrastructure.Messaging) }.CreateConnectionAsync();

    private static async Task PublishAsync(IConnection connection, string exchange, int count)
    {
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        for (var i = 0; i < count; i++)
        {
            await channel.BasicPublishAsync(exchange, "", mandatory: true, new BasicProperties { MessageId = Guid.NewGuid().ToString() }, "{}"u8.ToArray());
        }
    }
}
