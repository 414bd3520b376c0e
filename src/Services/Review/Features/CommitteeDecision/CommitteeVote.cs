using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain;
using TitleReview.Domain.Cycles;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Review.Features.CommitteeDecision;

/// <summary>The attendance and votes of one meeting on one application.</summary>
public sealed record Vote(Guid MeetingId, DateOnly MeetingDate, int MembersTotal, int MembersPresent, int VotesFor,
    int VotesAgainst, int Abstentions);

/// <summary>What the committee's decision needs to know about the application the ledger holds.</summary>
public sealed record CommitteeCandidate(Guid Id, ApplicationStatus Status, bool ReadyForCommittee)
{
    public static CommitteeCandidate Of(Guid id, ApplicationLifecycle application) => new(id, application.Status,
        application.ReadyForCommittee);
}

/// <summary>
/// One committee vote on one application → CommitteeDecided. The ledger, not the request, decides whether the committee
/// may vote (publicity completed, fee paid, not yet decided: notice 二(一), 五); the cycle's quorum and pass fractions
/// decide whether the meeting may decide and what the votes mean.
/// </summary>
public static class CommitteeVote
{
    public const string QuorumRule = "committee-quorum";

    public static Decision<CommitteeDecided> Decide(CommitteeCandidate application, Vote vote, ReviewCycle cycle,
        DateTimeOffset now)
    {
        // Both entries validate field by field first; this is the last word before the ledger, for any caller.
        if (vote.MembersPresent < 0 || vote.MembersPresent > vote.MembersTotal
            || vote.VotesFor < 0 || vote.VotesAgainst < 0 || vote.Abstentions < 0
            || (long)vote.VotesFor + vote.VotesAgainst + vote.Abstentions != vote.MembersPresent)
        {
            return Refusal.InvalidFields(new Dictionary<string, IReadOnlyList<Bilingual>>
            {
                ["votes"] = [new("票数不成立：各票数不得为负，合计须等于出席人数，出席不多于评委总数。",
                    "Impossible counts: none negative, the votes adding up to those present, "
                    + "present at most the members.")],
            });
        }

        if (!application.ReadyForCommittee)
        {
            return Refusal.Conflict("committee-not-ready", new(
                $"该申报当前为“{application.Status.Chinese()}”：须公示结束、已缴费且未作出决定，方可由评委会评审。",
                $"The application is '{application.Status.English()}': the committee decides only after publicity "
                + "completed and the fee is paid, once."));
        }

        if (Inquorate(cycle, vote.MembersTotal, vote.MembersPresent) is { } inquorate)
        {
            return inquorate;
        }

        var passed = cycle.Passes(vote.MembersPresent, vote.VotesFor);
        return new CommitteeDecided(application.Id, vote.MeetingId, vote.MeetingDate, vote.MembersTotal,
            vote.MembersPresent, vote.VotesFor, vote.VotesAgainst, vote.Abstentions, passed, now);
    }

    /// <summary>A meeting below the cycle's quorum cannot decide anything, whatever the votes say.</summary>
    public static Refusal? Inquorate(ReviewCycle cycle, int total, int present) =>
        cycle.HasQuorum(total, present)
            ? null
            : Refusal.BreaksRule(QuorumRule, null, new(
                $"出席人数 {present}/{total} 未达到法定人数（{cycle.QuorumNumerator}/{cycle.QuorumDenominator}），会议不能作出评审决定。",
                $"{present} of {total} members present is below the quorum of "
                + $"{cycle.QuorumNumerator}/{cycle.QuorumDenominator}; the meeting cannot decide."));
}
