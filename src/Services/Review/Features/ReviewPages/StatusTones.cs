using TitleReview.BackOffice.Components;
using TitleReview.Contracts.Ledger;

namespace TitleReview.Review.Features.ReviewPages;

/// <summary>What each status means to a reviewer at a glance: waiting for them, sent back, on its way, or ended.</summary>
public static class StatusTones
{
    public static Tone Of(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Submitted or ApplicationStatus.Resubmitted or ApplicationStatus.UnderReview => Tone.Info,
        ApplicationStatus.RevisionRequested => Tone.Warning,
        ApplicationStatus.FinalApproved or ApplicationStatus.InPublicity or ApplicationStatus.AwaitingCommittee
            or ApplicationStatus.CommitteePassed or ApplicationStatus.CertificateIssued => Tone.Success,
        _ => Tone.Danger,
    };
}
