namespace TitleReview.Contracts.Ledger;

/// <summary>Where an application stands, as an applicant or an officer would name it.</summary>
public enum ApplicationStatus
{
    Submitted,
    UnderReview,
    RevisionRequested,
    Resubmitted,
    FinalApproved,
    InPublicity,
    AwaitingCommittee,
    CommitteePassed,
    CertificateIssued,
    Rejected,
    Withdrawn,
    Lapsed,
    ObjectionUpheld,
    CommitteeFailed,
    CertificateRevoked,
}

public static class ApplicationStatusText
{
    public static string Chinese(this ApplicationStatus status) => status switch
    {
        ApplicationStatus.Submitted => "已提交，待审核",
        ApplicationStatus.UnderReview => "审核中",
        ApplicationStatus.RevisionRequested => "退回修改",
        ApplicationStatus.Resubmitted => "已重新提交，待审核",
        ApplicationStatus.FinalApproved => "终审通过，待公示及缴费",
        ApplicationStatus.InPublicity => "评审公示中",
        ApplicationStatus.AwaitingCommittee => "公示结束且已缴费，待评委会集中评审",
        ApplicationStatus.CommitteePassed => "评委会评审通过，待发证",
        ApplicationStatus.CertificateIssued => "已发放职称电子证书",
        ApplicationStatus.Rejected => "审核未通过",
        ApplicationStatus.Withdrawn => "已撤回",
        ApplicationStatus.Lapsed => "逾期未缴费，视作自愿放弃申报",
        ApplicationStatus.ObjectionUpheld => "公示异议成立，不予通过",
        ApplicationStatus.CommitteeFailed => "评委会评审未通过",
        ApplicationStatus.CertificateRevoked => "证书已撤销",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string English(this ApplicationStatus status) => status switch
    {
        ApplicationStatus.Submitted => "Submitted, awaiting review",
        ApplicationStatus.UnderReview => "Under review",
        ApplicationStatus.RevisionRequested => "Revision requested",
        ApplicationStatus.Resubmitted => "Resubmitted, awaiting review",
        ApplicationStatus.FinalApproved => "Final approval given, awaiting publicity and fee",
        ApplicationStatus.InPublicity => "In publicity",
        ApplicationStatus.AwaitingCommittee => "Publicity completed and fee paid, awaiting the committee",
        ApplicationStatus.CommitteePassed => "Passed by the committee, certificate pending",
        ApplicationStatus.CertificateIssued => "Electronic title certificate issued",
        ApplicationStatus.Rejected => "Rejected",
        ApplicationStatus.Withdrawn => "Withdrawn",
        ApplicationStatus.Lapsed => "Lapsed: fee not paid in time, treated as withdrawn",
        ApplicationStatus.ObjectionUpheld => "Objection upheld during publicity",
        ApplicationStatus.CommitteeFailed => "Not passed by the committee",
        ApplicationStatus.CertificateRevoked => "Certificate revoked",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool IsTerminal(this ApplicationStatus status) => status is
        ApplicationStatus.Rejected or ApplicationStatus.Withdrawn or ApplicationStatus.Lapsed or
        ApplicationStatus.ObjectionUpheld or ApplicationStatus.CommitteeFailed or
        ApplicationStatus.CertificateIssued or ApplicationStatus.CertificateRevoked;
}
