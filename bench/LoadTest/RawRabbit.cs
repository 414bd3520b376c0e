using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace TitleReview.Bench.Load;

/// <summary>
/// The broker's share of a hop, alone: persistent messages of a submission's size published with confirms to a quorum
/// queue (as the relays publish and the consumers' queues are declared) by <c>publishers</c> channels, and consumed with
/// manual acknowledgement, for a few seconds; the rate is what was consumed. A queue of its own in the run's virtual
/// host, deleted afterwards.
/// </summary>
public static class RawRabbit
{
    public sealed record Result(long Consumed, TimeSpan Elapsed, int MessageBytes)
    {
        public double PerSecond => Consumed / Elapsed.TotalSeconds;

        public override string ToString() => $"{Consumed:N0} messages of {MessageBytes:N0} bytes published (confirmed) and consumed (acked) in {Elapsed.TotalSeconds:F1} s = {PerSecond:N0}/s";
    }

    public static async Task<Result> MeasureAsync(string messaging, int messageBytes, TimeSpan duration, int publishers = 8)
    {
        var factory = new ConnectionFactory { Uri = new Uri(messaging) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var consuming = await connection.CreateChannelAsync();
        var queue = $"bench-raw-{Guid.NewGuid():N}";
        await consuming.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        try
        {
            var consumed = 0L;
            var counting = false;
            await consuming.BasicQosAsync(0, 100, false);
            var consumer = new AsyncEventingBasicConsumer(consuming);
            consumer.ReceivedAsync += async (_, delivery) =>
            {
                if (Volatile.Read(ref counting))
                {
                    Interlocked.Increment(ref consumed);
                }

                await consuming.BasicAckAsync(delivery.DeliveryTag, false);
            };
            await consuming.BasicConsumeAsync(queue, autoAck: false, consumer);

            var body = new byte[messageBytes];
            var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
            var clock = Stopwatch.StartNew();
            var warmUp = TimeSpan.FromSeconds(1);
            TimeSpan countedFrom = default, countedTo = default;
            var publishing = Enumerable.Range(0, publishers).Select(_ => Task.Run(async () =>
            {
                await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
                    publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
                while (clock.Elapsed < warmUp + duration)
                {
                    await channel.BasicPublishAsync("", queue, mandatory: false, properties, body);
                }
            })).ToList();
            await Task.Delay(warmUp);
            countedFrom = clock.Elapsed;
            Volatile.Write(ref counting, true);
            await Task.Delay(duration);
            Volatile.Write(ref counting, false);
            countedTo = clock.Elapsed;
            await Task.WhenAll(publishing);
            return new Result(Interlocked.Read(ref consumed), countedTo - countedFrom, messageBytes);
        }
        finally
        {
            await consuming.QueueDeleteAsync(queue);
        }
    }
}
