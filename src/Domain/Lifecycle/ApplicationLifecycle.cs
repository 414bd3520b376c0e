using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;

namespace TitleReview.Domain.Lifecycle;

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

    /// <summary>
    /// Kept in UTC (the same instant): Audit stores its folds with this as a timestamptz column, which Npgsql writes
    /// only from an offset of zero, and a history forged or imported with +08:00 would stop Audit's daemon.
    /// </summary>
    public DateTimeOffset SubmittedAt { get; set => field = value.ToUniversalTime(); }

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

    /// <summary>An objection to the publicity was upheld (公示异议成立), whether or not the application had ended before.</summary>
    public bool ObjectionUpheld { get; set; }

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

    /// <summary>
    /// Folds one event's data into this state (events this fold does not know leave it as it is). The event store's
    /// projection calls it for every stream read, so the fold stays here, free of any ledger library.
    /// </summary>
    public ApplicationLifecycle Evolve(object @event)
    {
        switch (@event)
        {
            case ApplicationSubmitted e:
                On(e);
                break;
            case ApplicationResubmitted e:
                On(e);
                break;
            case ApplicationWithdrawn e:
                On(e);
                break;
            case ReviewStarted e:
                On(e);
                break;
            case RevisionRequested e:
                On(e);
                break;
            case FinalApproved e:
                On(e);
                break;
            case ApplicationRejected e:
                On(e);
                break;
            case Published e:
                On(e);
                break;
            case ObjectionLodged e:
                On(e);
                break;
            case ObjectionResolved e:
                On(e);
                break;
            case PublicityCompleted e:
                On(e);
                break;
            case FeeAssessed e:
                On(e);
                break;
            case FeePaid e:
                On(e);
                break;
            case ApplicationLapsed e:
                On(e);
                break;
            case ApplicationLapseUndone e:
                On(e);
                break;
            case CommitteeDecided e:
                On(e);
                break;
            case CertificateIssued e:
                On(e);
                break;
            case CertificateRevoked e:
                On(e);
                break;
        }

        return this;
    }

    private void On(ApplicationSubmitted e)
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

    private void On(ApplicationResubmitted e)
    {
        ApplicantName = e.ApplicantName ?? ApplicantName;
        Employer = e.Employer ?? Employer;
        Specialty = e.Specialty ?? Specialty;
        RevisionOpen = false;
        ReviewStatus = ApplicationStatus.Resubmitted;
    }

    private void On(ApplicationWithdrawn e) => Terminal = ApplicationStatus.Withdrawn;

    private void On(ReviewStarted e)
    {
        ReviewStatus = ApplicationStatus.UnderReview;
        Reviewer = e.ReviewerId;
    }

    private void On(RevisionRequested e)
    {
        RevisionOpen = true;
        ReviewStatus = ApplicationStatus.RevisionRequested;
    }

    private void On(FinalApproved e)
    {
        FinalApproved = true;
        FinalApprovedAt = e.ApprovedAt;
        ReviewStatus = ApplicationStatus.FinalApproved;
    }

    private void On(ApplicationRejected e) => Terminal = ApplicationStatus.Rejected;

    private void On(Published e)
    {
        PublicityNoticeId = e.NoticeId;
        PublicityStart = e.Start;
        PublicityEnd = e.End;
    }

    private void On(ObjectionLodged e) => OpenObjections.Add(e.ObjectionId);

    private void On(ObjectionResolved e)
    {
        OpenObjections.Remove(e.ObjectionId);
        if (e.Upheld)
        {
            ObjectionUpheld = true;
            // The first end stands: an objection answered after the applicant withdrew, or after a lapse, does not
            // rewrite how the application ended (a lapse undone later gives way to it, below).
            Terminal ??= ApplicationStatus.ObjectionUpheld;
        }
    }

    private void On(PublicityCompleted e) => PublicityCompleted = true;

    private void On(FeeAssessed e)
    {
        FeeAmount = e.Amount;
        PaymentReference = e.PaymentReference;
        FeeDueDate = e.DueDate;
    }

    private void On(FeePaid e) => FeePaid = true;

    private void On(ApplicationLapsed e) => Terminal = ApplicationStatus.Lapsed;

    /// <summary>A payment made by the due date ends the lapse (notice 五): the application continues where it stood.</summary>
    private void On(ApplicationLapseUndone e)
    {
        if (Terminal == ApplicationStatus.Lapsed)
        {
            // As if it never lapsed: an objection upheld in the meantime is then how it ended.
            Terminal = ObjectionUpheld ? ApplicationStatus.ObjectionUpheld : null;
        }
    }

    private void On(CommitteeDecided e)
    {
        CommitteePassed = e.Passed;
        CommitteeDate = e.MeetingDate;
        if (!e.Passed)
        {
            Terminal = ApplicationStatus.CommitteeFailed;
        }
    }

    private void On(CertificateIssued e)
    {
        CertificateNumber = e.CertificateNumber;
        Terminal = ApplicationStatus.CertificateIssued;
    }

    private void On(CertificateRevoked e) => Terminal = ApplicationStatus.CertificateRevoked;
}
