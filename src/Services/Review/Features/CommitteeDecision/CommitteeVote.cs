using Marten;
using TitleReview.Domain.Cycles;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Review.Features.CommitteeDecision;

/// <summary>The attendance and votes of one meeting on one application.</summary>
public sealed record Vote(Guid MeetingId, DateOnly MeetingDate, int MembersTotal, int MembersPresent, int VotesFor, int VotesAgainst, int Abstentions);

/// <summary>
/// One committee vote on one application → CommitteeDecided. The ledger, not the request, decides whether the committee
/// may vote (publicity completed, fee paid, not yet decided: notice 二(一), 五); the cycle's quorum and pass fractions
/// decide whether the meeting may decide and what the votes mean.
/// </summary>
public static class CommitteeVote
{
    /// <summary>
    /// Pure: the application as its stream tells it (null: no such stream), the vote, the cycles and the time in;
    /// CommitteeDecided or the refusal out. Counts are checked again here whatever the entry validated, because this
    /// is the last word before the ledger for any caller.
    /// </summary>
    public static Decision<CommitteeDecided> Decide(ApplicationLifecycle? application, Guid applicationId, Vote vote, ReviewCycleCatalogue cycles, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(vote);
        ArgumentNullException.ThrowIfNull(cycles);
        if (vote.MembersPresent < 0 || vote.MembersPresent > vote.MembersTotal || vote.VotesFor < 0 || vote.VotesAgainst < 0 || vote.Abstentions < 0
            || (long)vote.VotesFor + vote.VotesAgainst + vote.Abstentions != vote.MembersPresent)
        {
            return Refusal.InvalidFields(new Dictionary<string, IReadOnlyList<Bilingual>>
            {
                ["votes"] = [new("票数不成立：各票数不得为负，合计须等于出席人数，出席不多于评委总数。",
                    "Impossible counts: none negative, the votes adding up to those present, present at most the members.")],
            });
        }

        if (application is null)
        {
            return Refusal.NotFound("application", new Bilingual($"没有编号为 {applicationId} 的申报。", $"No application with id {applicationId}."));
        }

        if (!application.ReadyForCommittee)
        {
            return Refusal.Conflict("committee-not-ready", new Bilingual(
                $"该申报当前为“{application.Status.Chinese()}”：须公示结束、已缴费且未作出决定，方可由评委会评审。",
                $"The application is '{application.Status.English()}': the committee decides only after publicity completed and the fee is paid, once."), "二(一)");
        }

        var cycle = cycles.Get(application.CycleId);
        if (QuorumRefusal(cycle, vote.MembersTotal, vote.MembersPresent) is { } inquorate)
        {
            return inquorate;
        }

        return new CommitteeDecided(applicationId, vote.MeetingId, vote.MeetingDate, vote.MembersTotal, vote.MembersPresent,
            vote.VotesFor, vote.VotesAgainst, vote.Abstentions, cycle.Passes(vote.MembersPresent, vote.VotesFor), now);
    }

    /// <summary>Loads the application's stream for writing, decides, and appends the decision (the caller saves).</summary>
    public static async Task<Decision<CommitteeDecided>> RecordAsync(IDocumentSession session, Guid applicationId, Vote vote, ReviewCycleCatalogue cycles,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(applicationId, cancellationToken);
        var decision = Decide(stream.Aggregate, applicationId, vote, cycles, now);
        if (decision.Accepted(out var decided, out _))
        {
            stream.AppendOne(decided);
        }

        return decision;
    }

    /// <summary>A meeting below the cycle's quorum cannot decide (the rule's code is what clients have matched on).</summary>
    public static Refusal? QuorumRefusal(ReviewCycle cycle, int total, int present) =>
        cycle.HasQuorum(total, present)
            ? null
            : Refusal.BreaksRule("committee-quorum", null, new Bilingual(
                $"出席人数 {present}/{total} 未达到法定人数（{cycle.QuorumNumerator}/{cycle.QuorumDenominator}），会议不能作出评审决定。",
                $"{present} of {total} members present is below the quorum of {cycle.QuorumNumerator}/{cycle.QuorumDenominator}; the meeting cannot decide."));
}
