using TitleReview.Contracts.Events;

namespace TitleReview.Audit.Features.Verification.Rules;

/// <summary>Notice 二(一): an applicant revises per the reviewer's comments; no final approval while a revision request is open.</summary>
public static class RevisionRule
{
    public static IEnumerable<Found> Check(ReplayedHistory history)
    {
        foreach (var step in history.Steps)
        {
            if (step.Data is FinalApproved && step.Before.OpenRevision is { } revision)
            {
                yield return new Found(step.At, AuditRules.NoApprovalWithOpenRevision, [revision, step.Sequence], "退回修改后未见重新提交即终审通过。", "Final approval while the revision request is still open.");
            }
        }
    }
}
