using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;

namespace TitleReview.ServiceDefaults.Ledger;

/// <summary>
/// The state of one application as its stream tells it. Every service folds the same stream with this class
/// before it appends, so a decision is checked against the ledger, never against a message alone.
/// </summary>
public sealed class ApplicationLifecycle
{
    public Guid Id { get; set; }

    /// <summary>The stream version this state was folded up to (set by Marten).</summary>
    public long Version { get; set; }

    public string ApplicantName { get; set; } = "";
    public string Employer { get; set; } = "";
    public string Specialty { get; set; } = "";
    public TitleLevel Level { get; set; }
    public string CycleId { get; set; } = "";
    public DateTimeOffset SubmittedAt { get; set; }

    public bool FinalApproved { get; set; }
    public DateTimeOffset? FinalApprovedAt { get; set; }
    public bool RevisionOpen { get; set; }

    /// <summary>Who claimed the file (ReviewStarted); after a resubmission it returns to the same reviewer.</summary>
    public string? Reviewer { get; set; }
    public ApplicationStatus ReviewStatus { get; set; } = ApplicationStatus.Submitted;

    public Guid? PublicityNoticeId { get; set; }
    public DateOnly? PublicityStart { get; set; }
    public DateOnly? PublicityEnd { get; set; }
    public bool PublicityCompleted { get; set; }
    public HashSet<Guid> OpenObjections { get; set; } = [];

    public decimal? FeeAmount { get; set; }
    public string? PaymentReference { get; set; }
    public DateOnly? FeeDueDate { get; set; }
    public bool FeePaid { get; set; }

    public bool? CommitteePassed { get; set; }
    public DateOnly? CommitteeDate { get; set; }
    public string? CertificateNumber { get; set; }

    /// <summary>Set by an event after which nothing but a revocation may happen.</summary>
    public ApplicationStatus? Terminal { get; set; }

    public ApplicationStatus Status => Terminal ?? (CommitteePassed == true
        ? ApplicationStatus.CommitteePassed
        : FinalApproved
            ? (PublicityCompleted && FeePaid ? ApplicationStatus.AwaitingCommittee
                : PublicityStart is not null ? ApplicationStatus.InPublicity
                : ApplicationStatus.FinalApproved)
            : ReviewStatus);

    public bool IsTerminal => Terminal is not null;

    /// <summary>Notice 二(一) and design: the committee decides only after publicity and payment.</summary>
    public bool ReadyForCommittee => FinalApproved && PublicityCompleted && FeePaid && !IsTerminal && CommitteePassed is null;

    public void Apply(ApplicationSubmitted e)
    {
        Id = e.ApplicationId;
        ApplicantName = e.ApplicantName;
        Employer = e.Employer;
        Specialty = e.Specialty;
        Level = e.Level;
        CycleId = e.CycleId;
        SubmittedAt = e.SubmittedAt;
        ReviewStatus = ApplicationStatus.Submitted;
    }

    public void Apply(ApplicationResubmitted e)
    {
        ApplicantName = e.ApplicantName ?? ApplicantName;
        Employer = e.Employer ?? Employer;
        Specialty = e.Specialty ?? Specialty;
        RevisionOpen = false;
        ReviewStatus = ApplicationStatus.Resubmitted;
    }

    public void Apply(ApplicationWithdrawn e) => Terminal = ApplicationStatus.Withdrawn;

    public void Apply(ReviewStarted e)
    {
        ReviewStatus = ApplicationStatus.UnderReview;
        Reviewer = e.ReviewerId;
    }

    public void Apply(RevisionRequested e)
    {
        RevisionOpen = true;
        ReviewStatus = ApplicationStatus.RevisionRequested;
    }

    public void Apply(FinalApproved e)
    {
        FinalApproved = true;
        FinalApprovedAt = e.ApprovedAt;
        ReviewStatus = ApplicationStatus.FinalApproved;
    }

    public void Apply(ApplicationRejected e) => Terminal = ApplicationStatus.Rejected;

    public void Apply(Published e)
    {
        PublicityNoticeId = e.NoticeId;
        PublicityStart = e.Start;
        PublicityEnd = e.End;
    }

    public void Apply(ObjectionLodged e) => OpenObjections.Add(e.ObjectionId);

    public void Apply(ObjectionResolved e)
    {
        OpenObjections.Remove(e.ObjectionId);
        if (e.Upheld)
        {
            Terminal = ApplicationStatus.ObjectionUpheld;
        }
    }

    public void Apply(PublicityCompleted e) => PublicityCompleted = true;

    public void Apply(FeeAssessed e)
    {
        FeeAmount = e.Amount;
        PaymentReference = e.PaymentReference;
        FeeDueDate = e.DueDate;
    }

    public void Apply(FeePaid e) => FeePaid = true;

    public void Apply(ApplicationLapsed e) => Terminal = ApplicationStatus.Lapsed;

    /// <summary>A payment made by the due date ends the lapse (notice 五): the application continues where it stood.</summary>
    public void Apply(ApplicationLapseUndone e)
    {
        if (Terminal == ApplicationStatus.Lapsed)
        {
            Terminal = null;
        }
    }

    public void Apply(CommitteeDecided e)
    {
        CommitteePassed = e.Passed;
        CommitteeDate = e.MeetingDate;
        if (!e.Passed)
        {
            Terminal = ApplicationStatus.CommitteeFailed;
        }
    }

    public void Apply(CertificateIssued e)
    {
        CertificateNumber = e.CertificateNumber;
        Terminal = ApplicationStatus.CertificateIssued;
    }

    public void Apply(CertificateRevoked e) => Terminal = ApplicationStatus.CertificateRevoked;
}
