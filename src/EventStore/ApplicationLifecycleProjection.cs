using JasperFx.Events;
using Marten.Events.Aggregation;
using TitleReview.Contracts.Events;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.EventStore;

/// <summary>
/// Marten's view of the domain's fold: explicit, so the Domain project needs no Marten (its conventional Apply methods
/// would need Marten's source generator to run in that assembly). Registered live in every service for
/// FetchForWriting/AggregateStreamAsync, and as an async snapshot where a service keeps one (Audit).
/// </summary>
public sealed class ApplicationLifecycleProjection : SingleStreamProjection<ApplicationLifecycle, Guid>
{
    public override ApplicationLifecycle? Evolve(ApplicationLifecycle? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        // The ledger holds streams that are not applications: the working-day calendar's, and the tombstones Marten
        // writes for an append that failed under concurrency. Folded, they became "applications" of level 0 submitted
        // on 0001-01-01 that Audit's search listed and could not name (a 500 on the page that held one).
        if (snapshot is null && e.Data is not IApplicationEvent)
        {
            return null;
        }

        var state = snapshot ?? new ApplicationLifecycle { Id = id };
        state.Evolve(e.Data);
        state.Version = e.Version;
        return state;
    }
}
