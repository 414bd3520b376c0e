using System.Numerics;
using TitleReview.Contracts.Events;
using TitleReview.Domain.Cycles;

namespace TitleReview.Audit.Features.Verification.Rules;

/// <summary>
/// Notice 二(一) and the review cycle: the committee decides only after publicity completed and the fee is paid, with
/// its quorum present, and its outcome agrees with the pass threshold.
/// </summary>
public static class CommitteeRules
{
    public static IEnumerable<Found> Check(ReplayedHistory history, ReviewCycleCatalogue cycles)
    {
        foreach (var step in history.Steps)
        {
            if (step.Data is not CommitteeDecided e)
            {
                continue;
            }

            if (AfterPublicityAndFee(step) is { } early)
            {
                yield return early;
            }

            // A history whose cycle is unknown (its own finding) is counted by the 2023 Xishan cycle's rules.
            if (Vote(step, e, step.Before.Cycle ?? cycles.Get(ReviewCycleCatalogue.Xishan2023)) is { } vote)
            {
                yield return vote;
            }
        }
    }

    private static Found? AfterPublicityAndFee(ApplicationStep step)
    {
        var (publicityCompleted, paid) = (step.Before.PublicityCompleted, step.Before.Paid);
        if (publicityCompleted is not null && paid is not null)
        {
            return null;
        }

        var missing = string.Join("、", new[] { publicityCompleted is null ? "公示未完成" : null, paid is null ? "未缴费" : null }.OfType<string>());
        return new Found(step.At, AuditRules.CommitteeAfterPublicityAndFee, [step.Sequence], $"集中评审时{missing}。",
            $"Decided before publicity completed and the fee was paid (publicity completed: {publicityCompleted is not null}, fee paid: {paid is not null}).");
    }

    /// <summary>
    /// The replay keeps its own arithmetic (BigInteger, which cannot overflow) instead of calling the cycle's
    /// HasQuorum/Passes: an audit that shares the arithmetic of the code it audits shares its bugs too.
    /// </summary>
    private static Found? Vote(ApplicationStep step, CommitteeDecided e, ReviewCycle rules)
    {
        BigInteger total = e.MembersTotal, present = e.MembersPresent, yes = e.VotesFor;
        var votesCast = yes + e.VotesAgainst + e.Abstentions;
        if (total <= 0 || present < 0 || present > total || e.VotesFor < 0 || e.VotesAgainst < 0 || e.Abstentions < 0 || votesCast != present)
        {
            return new Found(step.At, AuditRules.CommitteeQuorumAndThreshold, [step.Sequence],
                $"票数不成立：委员 {e.MembersTotal} 人，出席 {e.MembersPresent} 人，赞成 {e.VotesFor}、反对 {e.VotesAgainst}、弃权 {e.Abstentions}，合计 {votesCast} 票（须均不为负、出席不多于委员、合计等于出席）。",
                $"Impossible counts: {e.MembersTotal} members, {e.MembersPresent} present, {e.VotesFor} for, {e.VotesAgainst} against, {e.Abstentions} abstaining, {votesCast} in all (each at least 0, present at most the members, the votes adding up to those present).");
        }

        if (present * rules.QuorumDenominator < total * rules.QuorumNumerator)
        {
            return new Found(step.At, AuditRules.CommitteeQuorumAndThreshold, [step.Sequence],
                $"出席 {e.MembersPresent}/{e.MembersTotal} 人，未达 {rules.QuorumNumerator}/{rules.QuorumDenominator} 法定人数，会议不能作出决定。",
                $"{e.MembersPresent} of {e.MembersTotal} present, below the {rules.QuorumNumerator}/{rules.QuorumDenominator} quorum: the meeting cannot decide.");
        }

        if (e.Passed != (present > 0 && yes * rules.PassDenominator >= present * rules.PassNumerator))
        {
            return new Found(step.At, AuditRules.CommitteeQuorumAndThreshold, [step.Sequence],
                $"赞成 {e.VotesFor} 票/出席 {e.MembersPresent} 人，按 {rules.PassNumerator}/{rules.PassDenominator} 应为“{(e.Passed ? "不通过" : "通过")}”，记录却为“{(e.Passed ? "通过" : "不通过")}”。",
                $"{e.VotesFor} yes of {e.MembersPresent} present should be {(e.Passed ? "a fail" : "a pass")} at {rules.PassNumerator}/{rules.PassDenominator}; recorded as {(e.Passed ? "passed" : "failed")}.");
        }

        return null;
    }
}
