using RabbitMQ.Client;
using TitleReview.Contracts.Events;

namespace TitleReview.EventStore.Messaging;

/// <summary>
/// Declares every consumer's queue and bindings of the whole system (<see cref="SubscriptionCatalog"/>) the way
/// MassTransit declares them for a consumer — message-type exchange → exchange named after the queue → queue — so
/// that a consumer's first start finds them equivalent. The relay does this once before its first publish: MassTransit
/// alone declares a consumer's bindings only when that consumer starts, and an event published earlier was dropped.
/// </summary>
public sealed class ConsumerTopology(Uri broker, bool quorum) : IDisposable
{
    private readonly SemaphoreSlim once = new(1, 1);
    private bool declared;

    public async Task EnsureDeclaredAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref declared))
        {
            return;
        }

        await once.WaitAsync(cancellationToken);
        try
        {
            if (!declared)
            {
                await DeclareAsync(cancellationToken);
                Volatile.Write(ref declared, true);
            }
        }
        finally
        {
            once.Release();
        }
    }

    private async Task DeclareAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = broker, ClientProvidedName = "titlereview-topology" };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        foreach (var subscription in SubscriptionCatalog.All)
        {
            var queue = subscription.Queue;
            await DeclareQueueAsync(channel, queue, quorum, cancellationToken);
            foreach (var message in subscription.Events)
            {
                var exchange = MessageExchange(message);
                await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
                await channel.ExchangeBindAsync(queue, exchange, "", cancellationToken: cancellationToken);
            }
        }
    }

    /// <summary>
    /// A queue as MassTransit declares a consumer's queue and, at its first fault, its error queue: a durable fanout
    /// exchange of the queue's name bound to a durable queue of that name, a quorum queue when so configured.
    /// </summary>
    public static async Task<QueueDeclareOk> DeclareQueueAsync(IChannel channel, string queue, bool quorum, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        var declared = await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            quorum ? new Dictionary<string, object?> { ["x-queue-type"] = "quorum" } : null, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(queue, queue, "", cancellationToken: cancellationToken);
        return declared;
    }

    public void Dispose() => once.Dispose();

    /// <summary>MassTransit's name for a message type's exchange: "Namespace:Type".</summary>
    public static string MessageExchange(Type message) => $"{message.Namespace}:{message.Name}";
}
