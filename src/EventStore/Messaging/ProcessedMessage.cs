namespace TitleReview.EventStore.Messaging;

/// <summary>
/// A message this service has already acted on. Stored in the same session as the effect, so the effect and
/// the record commit together or not at all, and a redelivery finds the record and does nothing.
/// </summary>
public sealed class ProcessedMessage
{
    public string Id { get; set; } = "";
    public string MessageType { get; set; } = "";
    public DateTimeOffset ProcessedAt { get; set; }
}
