using TitleReview.Contracts.Events;
using TitleReview.Domain.Publicity;
using TitleReview.Domain.WorkingDays;

namespace TitleReview.Audit.Features.Verification.Rules;

/// <summary>
/// Notice 四(一) and 二(一), the publicity rule, as the domain's <see cref="PublicityRuleCheck"/> checks it: this only
/// files each breach under the audit's rule for that part and cites the events by their sequence numbers.
/// </summary>
public static class PublicityRules
{
    public static IEnumerable<Found> Check(ReplayedHistory history, Func<string, WorkingDayCalendar?> calendarByVersion)
    {
        var events = history.Events;
        foreach (var breach in PublicityRuleCheck.Check(events.Select(e => e.Data), calendarByVersion))
        {
            long[] cited = [.. breach.Concerns.Select(at => events[at].Sequence)];
            yield return breach.Breach switch
            {
                PublicityBreach.PublishedBeforeApproval => new Found(breach.At, AuditRules.PublishedAfterFinalApproval, cited, "未终审通过即公示。", "Published without a final approval."),
                PublicityBreach.Period => new Found(breach.At, AuditRules.PublicityPeriod, cited, breach.Chinese, breach.English),
                PublicityBreach.CompletedWithoutPublication => new Found(breach.At, AuditRules.PublicityCompletion, cited, "没有公示记录即完成公示。", "Publicity completed without a publication."),
                PublicityBreach.ProofNotAfterEnd => ProofNotAfterEnd(breach, cited, (Published)events[breach.Concerns[0]].Data!, (PublicityCompleted)events[breach.At].Data!),
                PublicityBreach.CompletedWithObjectionOpen => new Found(breach.At, AuditRules.NoCompletionWithOpenObjection, cited, breach.Chinese, breach.English),
                _ => throw new InvalidOperationException($"Publicity breach {breach.Breach} has no audit rule."),
            };
        }
    }

    // The audit's own wording since it was first written: the domain's Chinese adds 不可结束日期当日出具.
    private static Found ProofNotAfterEnd(PublicityViolation breach, long[] cited, Published publication, PublicityCompleted completed) =>
        new(breach.At, AuditRules.PublicityCompletion, cited,
            $"公示证明日期 {completed.ProofDate:yyyy-MM-dd} 不晚于公示结束日 {publication.End:yyyy-MM-dd}。",
            breach.English);
}
