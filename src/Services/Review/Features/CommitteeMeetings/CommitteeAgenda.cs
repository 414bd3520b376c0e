using JasperFx.Events.Projections;
using Marten;
using TitleReview.Contracts;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain.Lifecycle;
using TitleReview.Review.Features.ReviewQueue;

namespace TitleReview.Review.Features.CommitteeMeetings;

/// <summary>
/// A meeting's agenda: every approved application of its cycle whose publicity completed and whose fee is paid, not yet
/// decided, in queue order. Readiness is read from the ledger: the daemon's folds for what it has reached, and a fold
/// made now for any stream with events beyond that point, so an agenda never lags the ledger.
/// </summary>
public static class CommitteeAgenda
{
    public static void Register(StoreOptions documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        // Only the ready ones are indexed: the agenda reads them, never the rest.
        documents.Schema.For<CommitteeCandidate>().Duplicate(c => c.Ready, configure: index => index.Predicate = "ready");
        documents.Projections.Add(new CommitteeCandidateProjection(), ProjectionLifecycle.Async);
    }

    public static async Task<IReadOnlyList<AgendaItem>> ForAsync(IQuerySession query, CommitteeMeeting meeting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(meeting);
        // First how far the folds go, then the folds: one written after this read only reflects events past it, whose
        // streams are folded again below.
        var folded = await query.DocumentStore.Advanced.ProjectionProgressFor(new ShardName(CommitteeCandidateProjection.ProjectionName),
            token: cancellationToken);
        var ready = (await query.Query<CommitteeCandidate>().Where(c => c.Ready).ToListAsync(cancellationToken))
            .ToDictionary(c => c.Id, c => c.State);
        var unfolded = await query.Events.QueryAllRawEvents().Where(e => e.Sequence > folded).Select(e => e.StreamId).ToListAsync(cancellationToken);
        foreach (var id in unfolded.Distinct())
        {
            if (await query.Events.AggregateStreamAsync<ApplicationLifecycle>(id, token: cancellationToken) is { ReadyForCommittee: true } now)
            {
                ready[id] = now;
            }
            else
            {
                ready.Remove(id);
            }
        }

        var ofCycle = ready.Where(c => c.Value.CycleId == meeting.CycleId).Select(c => c.Key).ToList();
        // Only the ids, in queue order: they come from the queue's own index, not from thousands of queue items.
        var approved = await query.Query<ReviewQueueItem>().Where(i => i.Status == ApplicationStatus.FinalApproved && ofCycle.Contains(i.Id))
            .OrderBy(i => i.QueuedAt).Select(i => i.Id).ToListAsync(cancellationToken);
        return [.. approved.Select(id => ready[id]).Select(a => new AgendaItem(a.Id, a.ApplicantName, a.Employer, a.Specialty, TitleLevelNames.Chinese(a.Level)))];
    }
}
