using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.Domain;
using TitleReview.Domain.Cycles;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Certificate.Features.Issue;

/// <summary>What the issuing consumer draws before deciding: the next serial for the cycle and level, today, a fresh code.</summary>
public sealed record IssueNumbering(int Serial, DateOnly Today, string VerificationCode);

/// <summary>
/// Whether the ledger earns a certificate (notice 五: after the committee's pass, the publicity and the fee), and the
/// certificate if it does. The message that woke the consumer is not evidence: the application's own folded stream
/// must show the pass, publicity completed and fee paid, no certificate yet and no end; and the pass's recorded
/// counts must themselves reach the cycle's quorum and pass fraction, so a forged "passed" with no yes votes issues nothing.
/// </summary>
public static class CertificateDecision
{
    public static Decision<CertificateIssued> Decide(ApplicationLifecycle? application, CommitteeDecided? pass, ReviewCycle? cycle, IssueNumbering numbering)
    {
        ArgumentNullException.ThrowIfNull(numbering);
        if (application is null)
        {
            return Refusal.NotFound("application", new Bilingual("账本中没有该申报。", "The ledger has no such application."));
        }

        if (application is not { CommitteePassed: true, PublicityCompleted: true, FeePaid: true, CertificateNumber: null, IsTerminal: false })
        {
            return Refusal.Conflict("no-pass-in-ledger", new Bilingual(
                "账本未显示评委会通过、公示结束且已缴费（或证书已颁发）。", "The ledger does not show a pass after publicity and payment, or a certificate exists."), "五");
        }

        if (cycle is null)
        {
            return Refusal.BreaksRule("unknown-cycle", null, new Bilingual($"未知的评审批次“{application.CycleId}”。", $"Unknown review cycle '{application.CycleId}'."));
        }

        if (pass is null || !cycle.HasQuorum(pass.MembersTotal, pass.MembersPresent) || !cycle.Passes(pass.MembersPresent, pass.VotesFor))
        {
            return Refusal.BreaksRule("committee-pass", "五", new Bilingual(
                "记录的表决未达到法定人数或通过标准，不能颁发证书。", "The recorded vote does not reach the quorum or the pass fraction; no certificate."));
        }

        return new CertificateIssued(application.Id, CertificateSerial.Format(CertificateSerial.KeyFor(cycle, application.Level), numbering.Serial),
            application.ApplicantName, application.Specialty, application.Level, cycle.CommitteeName, application.CommitteeDate!.Value, numbering.Today,
            numbering.VerificationCode, application.Level.TitleName());
    }
}
