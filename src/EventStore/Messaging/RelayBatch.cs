using JasperFx.Events;

namespace TitleReview.EventStore.Messaging;

/// <summary>How the relay cuts a page of the ledger into what may be published side by side.</summary>
public static class RelayBatch
{
    /// <summary>
    /// The page's events not yet published, grouped by stream, each group in sequence order. Streams are independent;
    /// within one, order is kept because a consumer may need an application's events in the order they happened.
    /// </summary>
    public static IEnumerable<IReadOnlyList<IEvent>> InStreamOrder(IEnumerable<IEvent> events, IReadOnlySet<Guid> published) =>
        events
            .Where(@event => !published.Contains(@event.Id))
            .OrderBy(@event => @event.Sequence)
            .GroupBy(@event => @event.StreamId)
            .Select(stream => (IReadOnlyList<IEvent>)[.. stream]);
}
