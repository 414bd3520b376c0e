using Marten;
using MassTransit;

namespace TitleReview.EventStore.Messaging;

public static class IdempotencyExtensions
{
    /// <summary>True when this consumer has already committed its effect for this message.</summary>
    public static async Task<bool> AlreadyProcessedAsync(this IDocumentSession session, ConsumeContext message, string consumer)
    {
        var key = KeyOf(message, consumer);
        return await session.LoadAsync<ProcessedMessage>(key, message.CancellationToken) is not null;
    }

    /// <summary>
    /// Records the message in the same unit of work as the effect. Insert, not upsert: two deliveries racing each
    /// other collide on the key, one commit fails, and its retry then finds the message already processed.
    /// </summary>
    public static void MarkProcessed(this IDocumentSession session, ConsumeContext message, string consumer, DateTimeOffset now) =>
        session.Insert(new ProcessedMessage { Id = KeyOf(message, consumer), MessageType = message.SupportedMessageTypes.FirstOrDefault() ?? "", ProcessedAt = now });

    private static string KeyOf(ConsumeContext message, string consumer) =>
        $"{consumer}:{message.MessageId ?? throw new InvalidOperationException("A message without a message id cannot be processed idempotently.")}";
}
