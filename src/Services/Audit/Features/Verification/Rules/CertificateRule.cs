using TitleReview.Contracts.Events;

namespace TitleReview.Audit.Features.Verification.Rules;

/// <summary>Notice 二(一): a certificate only for those the committee finally passed.</summary>
public static class CertificateRule
{
    public static IEnumerable<Found> Check(ReplayedHistory history)
    {
        foreach (var step in history.Steps)
        {
            if (step.Data is CertificateIssued && step.Before.Passed is null)
            {
                yield return new Found(step.At, AuditRules.CertificateAfterPass, [step.Sequence], "没有评委会通过的决定即发放证书。", "Certificate issued without a committee pass.");
            }
        }
    }
}
