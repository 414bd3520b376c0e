using System.Collections.Concurrent;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace TitleReview.EventStore.Messaging;

/// <summary>
/// The queues this instance consumes from, as MassTransit configured them at start: what the dead-letter tools look
/// at (each has an "_error" queue beside it). Empty in an instance started with consumers off.
/// </summary>
public sealed class ConsumerQueues
{
    private readonly ConcurrentDictionary<string, byte> names = new(StringComparer.Ordinal);

    public IReadOnlyList<string> All => [.. names.Keys.Order(StringComparer.Ordinal)];

    public void Add(string queue) => names.TryAdd(queue, 0);

    public static string ErrorQueueOf(string queue) => queue + "_error";

    /// <summary>
    /// Messages ready in a queue, from the broker's answer to a passive declare (exact at once); 0 when the queue was
    /// never declared, which closes the channel.
    /// </summary>
    public static async Task<long> ReadyMessagesAsync(IChannel channel, string queue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException missing) when (missing.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }
}
