using TitleReview.Contracts.Ledger;

namespace TitleReview.BackOffice.Components;

/// <summary>What an application's status means at a glance, the same on every page: waiting for review, sent back, on its way, or ended.</summary>
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
