using System.Collections.Concurrent;

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
}
