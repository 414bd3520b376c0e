namespace TitleReview.Audit.Features.Verification;

/// <summary>The rules a replay re-checks: a stable code, the clause of the notice (or design.md) it enforces, and its Chinese name.</summary>
public sealed record AuditRule(string Code, string Clause, string Chinese, string English);

public static class AuditRules
{
    public static readonly AuditRule StartsWithSubmission = new("stream-starts-with-submission", "二(一)", "申报历史以提交申报开始且只提交一次", "A history starts with exactly one submission");
    public static readonly AuditRule SubmissionInsideWindow = new("submission-inside-window", "二(二)", "在申报时间内提交", "Submitted inside the cycle's window");
    public static readonly AuditRule NoApprovalWithOpenRevision = new("no-approval-with-open-revision", "二(一)", "退回修改未重新提交前不得终审通过", "No final approval while a revision request is open");
    public static readonly AuditRule PublishedAfterFinalApproval = new("published-after-final-approval", "二(一)", "终审通过后方可公示", "Published only after final approval");
    public static readonly AuditRule PublicityPeriod = new("publicity-5-working-days", "四(一)", "公示不少于5个工作日（按记录的日历版本复核）", "Publicity of at least 5 working days, by the recorded calendar version");
    public static readonly AuditRule PublicityCompletion = new("publicity-completion-after-end", "四(一)", "公示结束后方可完成，证明日期晚于结束日", "Completion only after a publication, proof dated after its end");
    public static readonly AuditRule NoCompletionWithOpenObjection = new("no-completion-with-open-objection", "四(一)", "有未处理异议时不得完成公示", "No completion while an objection is open");
    public static readonly AuditRule FeeAfterFinalApproval = new("fee-assessed-after-final-approval", "五", "终审通过后方可核定收费", "A fee is assessed only after final approval");
    public static readonly AuditRule FeePaidMatchesAssessed = new("fee-paid-matches-assessed", "五", "缴费与核定金额、缴款码一致且只缴一次", "FeePaid matches FeeAssessed (amount, reference) and happens once");
    // Two clauses: publicity before the committee is 二(一) (终审通过且评审公示后，等待评委会集中评审); the fee is 五
    // (终审通过后…及时完成交费，逾期不缴费视作自愿放弃申报), so an unpaid file never reaches the committee.
    public static readonly AuditRule CommitteeAfterPublicityAndFee = new("committee-after-publicity-and-fee", "二(一)、五", "公示完成且已缴费后方可集中评审", "The committee decides only after publicity completed and the fee is paid");
    public static readonly AuditRule CommitteeQuorumAndThreshold = new("committee-quorum-and-threshold", "评审周期·法定人数", "评委会出席人数达法定比例，表决结果与赞成票比例一致", "Quorum present and the outcome agrees with the pass threshold");
    public static readonly AuditRule CertificateAfterPass = new("certificate-after-pass", "二(一)", "评审通过后方可发证", "A certificate only after a committee pass");
    public static readonly AuditRule NothingAfterTerminal = new("nothing-after-terminal", "设计·生命周期", "终结事件之后除撤销证书外不得再有事件", "Nothing after a terminal event except a revocation");
    public static readonly AuditRule LapseUndoneByTimelyPayment = new("lapse-undone-by-timely-payment", "五", "仅截止日当日及以前的缴费可撤销逾期放弃", "A lapse is undone only by a payment made by the due date");
    public static readonly AuditRule AppendedByOwner = new("appended-by-owner", "设计·事件归属", "每个事件由其归属服务写入", "Every event appended by its owning service");
    public static readonly AuditRule KnownEvent = new("known-readable-event", "设计·事件归属", "事件类型已登记且内容可读", "Every event type is registered and its data readable");

    public static IReadOnlyList<AuditRule> All { get; } =
    [
        StartsWithSubmission, SubmissionInsideWindow, NoApprovalWithOpenRevision, PublishedAfterFinalApproval, PublicityPeriod,
        PublicityCompletion, NoCompletionWithOpenObjection, FeeAfterFinalApproval, FeePaidMatchesAssessed,
        CommitteeAfterPublicityAndFee, CommitteeQuorumAndThreshold, CertificateAfterPass, NothingAfterTerminal, LapseUndoneByTimelyPayment, AppendedByOwner, KnownEvent,
    ];
}
