using TitleReview.Domain.Lifecycle;

namespace TitleReview.Review.Features.CommitteeMeetings;

/// <summary>
/// One application as the committee's agenda sees it: its whole fold, and whether it is ready for the committee,
/// kept by Review's daemon (<see cref="CommitteeCandidateProjection"/>). Building an agenda replayed the stream of
/// every approved application, one query each (79,000 of them at 10^5 applications); it now reads the few ready ones.
/// </summary>
public sealed class CommitteeCandidate
{
    public Guid Id { get; set; }
    public ApplicationLifecycle State { get; set; } = new();

    /// <summary><see cref="ApplicationLifecycle.ReadyForCommittee"/> as of the last event folded: publicity over, fee paid, nothing decided or ended.</summary>
    public bool Ready { get; set; }
}
