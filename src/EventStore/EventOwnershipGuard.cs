using Marten;
using TitleReview.Contracts;
using TitleReview.Contracts.Events;

namespace TitleReview.EventStore;

/// <summary>
/// Refuses to commit a session that appends an event this service does not own (design.md, event table).
/// Checked before the transaction opens, so a foreign event never reaches the ledger.
/// </summary>
public sealed class EventOwnershipGuard(ServiceName service) : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        foreach (var stream in session.PendingChanges.Streams())
        {
            foreach (var @event in stream.Events)
            {
                var type = @event.Data.GetType();
                if (!EventCatalog.IsOwnedBy(type, service))
                {
                    throw new EventNotOwnedException(service, type);
                }
            }
        }

        return Task.CompletedTask;
    }
}

public sealed class EventNotOwnedException(ServiceName service, Type eventType)
    : InvalidOperationException($"{service} may not append {eventType.Name}: the event table gives it to another service.");
