using JasperFx.Events;
using Marten.Events.Aggregation;
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
        var state = snapshot ?? new ApplicationLifecycle { Id = id };
        state.Evolve(e.Data);
        state.Version = e.Version;
        return state;
    }
}
