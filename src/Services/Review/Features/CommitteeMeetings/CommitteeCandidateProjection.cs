using JasperFx.Events;
using Marten.Events.Aggregation;

namespace TitleReview.Review.Features.CommitteeMeetings;

/// <summary>
/// Folds every application's stream into a <see cref="CommitteeCandidate"/> with the domain's own fold, run by Review's
/// daemon (async): the events that make an application ready come from Publicity and Payment, whose appends an inline
/// projection in Review never sees. On a ledger that already holds applications it starts from the first event.
/// </summary>
public sealed class CommitteeCandidateProjection : SingleStreamProjection<CommitteeCandidate, Guid>
{
    public const string ProjectionName = "CommitteeCandidate";

    public CommitteeCandidateProjection() => Name = ProjectionName;

    public override CommitteeCandidate? Evolve(CommitteeCandidate? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var candidate = snapshot ?? new CommitteeCandidate { Id = id, State = new() { Id = id } };
        candidate.State.Evolve(e.Data);
        candidate.State.Version = e.Version;
        candidate.Ready = candidate.State.ReadyForCommittee;
        return candidate;
    }
}
