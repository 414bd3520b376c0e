using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using TitleReview.ServiceDefaults.Operations;

namespace TitleReview.EventStore.Messaging;

/// <summary>
/// The error queues of this instance's consumer queues, read and replayed straight on RabbitMQ: a message is looked at
/// with a get that is never acknowledged (so it stays, in place), and a replay publishes it to its consumer's queue
/// with its own message id — the consumer's processed-message record makes a second replay of the same message a
/// no-op — and only then, once the broker confirmed the publish, removes it from the error queue.
/// The first look at an error queue declares it (<see cref="OpenAsync"/>), so the counts every 30 s are never
/// answered "not found".
/// </summary>
public sealed class DeadLetterStore(Uri broker, ConsumerQueues queues, bool quorum)
{
    private const string FaultPrefix = "MT-Fault-";

    /// <summary>Error queues this process knows exist: looked at passively from then on.</summary>
    private readonly ConcurrentDictionary<string, byte> declared = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<DeadLetterQueue>> ListAsync(int firstPerQueue, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var result = new List<DeadLetterQueue>();
        foreach (var queue in queues.All)
        {
            // A channel per queue: the messages looked at go back in place when it closes.
            var (channel, errorQueue, count) = await OpenAsync(connection, queue, null, cancellationToken);
            await using var closing = channel;
            var first = new List<DeadLetter>();
            for (var i = 0; i < Math.Min(count, firstPerQueue); i++)
            {
                // Left unacknowledged: closing the channel puts every one back where it was.
                if (await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken) is not { } message)
                {
                    break;
                }

                first.Add(Describe(message));
            }

            result.Add(new DeadLetterQueue(queue, errorQueue, count, first));
        }

        return result;
    }

    /// <summary>Total messages waiting in this instance's error queues (for health and metrics).</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        long total = 0;
        foreach (var queue in queues.All)
        {
            var (channel, _, count) = await OpenAsync(connection, queue, null, cancellationToken);
            await using var closing = channel;
            total += count;
        }

        return total;
    }

    /// <summary>Moves the message <paramref name="messageId"/> (or, when null, every message) back to its consumer's queue.</summary>
    public async Task<DeadLetterReplay> ReplayAsync(Guid? messageId, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var replayed = new List<Guid?>();
        foreach (var queue in queues.All)
        {
            var (channel, errorQueue, count) = await OpenAsync(connection, queue,
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            await using var closing = channel;
            // Only what was there when the replay began: a message that fails again lands behind them and is not taken twice.
            for (var i = 0; i < count; i++)
            {
                if (await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken) is not { } message)
                {
                    break;
                }

                var id = Describe(message).MessageId;
                if (messageId is { } wanted && id != wanted)
                {
                    continue; // stays unacknowledged, and goes back in place when the channel closes
                }

                await channel.BasicPublishAsync("", queue, mandatory: true, WithoutFault(message.BasicProperties), message.Body, cancellationToken);
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
                replayed.Add(id);
            }
        }

        return new DeadLetterReplay(replayed.Count, replayed);
    }

    /// <summary>
    /// A channel to <paramref name="queue"/>'s error queue and the messages ready in it. MassTransit declares an error
    /// queue only at its consumer's first fault, and the broker logs every passive look at a queue that is not there
    /// as an error: one line per consumer every 30 s per instance, for queues that usually stay empty. So the first
    /// look declares it as MassTransit would (its exchange "&lt;queue&gt;_error", fanout, bound to a queue of the same
    /// name with the consumer queue's arguments), which MassTransit's own declaration then finds equivalent.
    /// </summary>
    private async Task<(IChannel Channel, string ErrorQueue, long Ready)> OpenAsync(
        IConnection connection, string queue, CreateChannelOptions? options, CancellationToken cancellationToken)
    {
        var errorQueue = ConsumerQueues.ErrorQueueOf(queue);
        IChannel? channel = await connection.CreateChannelAsync(options, cancellationToken);
        try
        {
            if (!declared.ContainsKey(errorQueue))
            {
                if (await DeclareAsync(channel, errorQueue, cancellationToken) is { } count)
                {
                    return (channel, errorQueue, count);
                }

                // Refused: the broker closed this channel. Count passively on a new one.
                var refused = channel;
                channel = null;
                await refused.DisposeAsync();
                channel = await connection.CreateChannelAsync(options, cancellationToken);
            }

            var ready = await ConsumerQueues.ReadyMessagesAsync(channel, errorQueue, cancellationToken);
            if (!channel.IsOpen)
            {
                declared.TryRemove(errorQueue, out _); // deleted since (by hand): the next look declares it again
            }

            return (channel, errorQueue, ready);
        }
        catch
        {
            // The caller only disposes what it was given: a channel left here would stay open until the connection closes.
            if (channel is not null)
            {
                await channel.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// Declares the error queue as MassTransit would and returns the messages in it; null when the broker refused
    /// because it exists with other arguments: a queue's type is fixed when it is created, and Messaging:QuorumQueues
    /// changed since. MassTransit's own declaration is refused the same way until an operator moves the queues (README);
    /// meanwhile what waits there is still counted, passively.
    /// </summary>
    private async Task<long?> DeclareAsync(IChannel channel, string errorQueue, CancellationToken cancellationToken)
    {
        try
        {
            var ok = await ConsumerTopology.DeclareQueueAsync(channel, errorQueue, quorum, cancellationToken);
            declared.TryAdd(errorQueue, 0);
            return ok.MessageCount;
        }
        catch (OperationInterruptedException other) when (other.ShutdownReason?.ReplyCode == 406)
        {
            declared.TryAdd(errorQueue, 0);
            return null;
        }
    }

    private Task<IConnection> ConnectAsync(CancellationToken cancellationToken) =>
        new ConnectionFactory { Uri = broker, ClientProvidedName = "titlereview-dead-letters" }.CreateConnectionAsync(cancellationToken);

    private static DeadLetter Describe(BasicGetResult message)
    {
        var properties = message.BasicProperties;
        var headers = properties.Headers ?? new Dictionary<string, object?>();
        Guid? id = Guid.TryParse(properties.MessageId, out var parsed) ? parsed : null;
        return new DeadLetter(id, MessageTypeOf(message.Body), Text(headers, FaultPrefix + "Message"), Text(headers, FaultPrefix + "ExceptionType"),
            DateTimeOffset.TryParse(Text(headers, FaultPrefix + "Timestamp"), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null,
            Text(headers, FaultPrefix + "StackTrace")?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault());
    }

    /// <summary>
    /// The properties without the fault headers, and without the delayed-redelivery count: a replayed message starts
    /// with the whole allowance of delayed redeliveries again, or one that ran out of them during an outage would go
    /// straight back to the error queue at the next.
    /// </summary>
    private static BasicProperties WithoutFault(IReadOnlyBasicProperties original)
    {
        var copy = new BasicProperties(original);
        if (original.Headers is { } headers)
        {
            copy.Headers = headers.Where(h => !h.Key.StartsWith(FaultPrefix, StringComparison.Ordinal) && h.Key != "MT-Reason" && h.Key != DelayedRedelivery.CountHeader)
                .ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);
        }

        return copy;
    }

    private static string? Text(IDictionary<string, object?> headers, string key) => headers.TryGetValue(key, out var value) ? value switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        null => null,
        _ => value.ToString(),
    } : null;

    /// <summary>The message's type from MassTransit's envelope ("urn:message:Namespace:Type"), shortened to the type's name.</summary>
    private static string? MessageTypeOf(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var envelope = JsonDocument.Parse(body);
            return envelope.RootElement.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array
                && types.EnumerateArray().FirstOrDefault().GetString() is { } urn
                ? urn[(urn.LastIndexOf(':') + 1)..]
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
