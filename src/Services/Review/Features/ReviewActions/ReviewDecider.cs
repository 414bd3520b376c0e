using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Review.Features.ReviewActions;

/// <summary>A reviewer's command on one application; <see cref="Reviewer"/> is always the authenticated caller.</summary>
public abstract record ReviewCommand(Guid Id, string Reviewer)
{
    public sealed record Claim(Guid Id, string Reviewer) : ReviewCommand(Id, Reviewer);

    public sealed record RequestRevision(Guid Id, string Reviewer, IReadOnlyList<ModuleComment> Comments) : ReviewCommand(Id, Reviewer);

    public sealed record Reject(Guid Id, string Reviewer, string Reason) : ReviewCommand(Id, Reviewer);

    public sealed record Approve(Guid Id, string Reviewer) : ReviewCommand(Id, Reviewer);
}

/// <summary>
/// The reviewers' rules (design.md, Review): claim a submitted or resubmitted file; only the claimant may ask for a
/// revision, reject or give final approval; no approval while a revision is open; nothing after the end. Pure: the
/// application's folded state, the command and the time in, the one event to append or a refusal out.
/// </summary>
public static class ReviewDecider
{
    public static Decision<IApplicationEvent> Decide(ApplicationLifecycle application, ReviewCommand command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(command);
        return command switch
        {
            ReviewCommand.Claim claim => Claim(application, claim, now),
            ReviewCommand.RequestRevision revision => application.Status != ApplicationStatus.UnderReview
                ? NotNow(application, "退回修改")
                : OrRefused(NotClaimedBy(application, revision.Reviewer), new RevisionRequested(revision.Id, revision.Comments, now)),
            ReviewCommand.Reject reject => application.IsTerminal || application.FinalApproved
                ? NotNow(application, "审核不通过")
                : OrRefused(NotClaimedBy(application, reject.Reviewer), new ApplicationRejected(reject.Id, reject.Reason, now)),
            ReviewCommand.Approve approve => application.IsTerminal || application.FinalApproved
                ? NotNow(application, "终审通过")
                : application.RevisionOpen
                    ? Refusal.Conflict("revision-open", new Bilingual(
                        "该申报正在退回修改，须待申报人重新提交后才能终审通过。", "A revision request is open; final approval waits for the resubmission."))
                    : OrRefused(NotClaimedBy(application, approve.Reviewer), new FinalApproved(approve.Id, approve.Reviewer, now)),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown review command."),
        };
    }

    private static Decision<IApplicationEvent> Claim(ApplicationLifecycle application, ReviewCommand.Claim claim, DateTimeOffset now) =>
        application.Status is not (ApplicationStatus.Submitted or ApplicationStatus.Resubmitted or ApplicationStatus.UnderReview)
            ? NotNow(application, "认领")
            : application.Reviewer is { } other && other != claim.Reviewer
                ? Refusal.Conflict("claimed-by-another", new Bilingual($"该申报已由 {other} 认领。", $"{other} has already claimed this application."))
                : Accept(new ReviewStarted(claim.Id, claim.Reviewer, now));

    private static Decision<IApplicationEvent> Accept(IApplicationEvent e) => Decision.Accept(e);

    private static Decision<IApplicationEvent> OrRefused(Refusal? refusal, IApplicationEvent e) => refusal ?? Accept(e);

    private static Refusal NotNow(ApplicationLifecycle application, string action) => Refusal.Conflict("review-state", new Bilingual(
        $"该申报当前为“{application.Status.Chinese()}”，不能{action}。", $"The application is '{application.Status.English()}'; this action is not possible now."));

    /// <summary>
    /// Revision, rejection and approval need the claim: the acting user must be the one whose ReviewStarted holds the
    /// file. An unclaimed file is claimed first, so the ledger always says who reviewed what; an admin is no exception.
    /// </summary>
    private static Refusal? NotClaimedBy(ApplicationLifecycle application, string reviewer) => application.Reviewer switch
    {
        null => Refusal.Conflict("claim-required", new Bilingual("该申报尚未认领：请先认领，再审核。", "Nobody has claimed this application; claim it before acting on it.")),
        var other when other != reviewer => Refusal.Conflict("claimant-only", new Bilingual(
            $"该申报由 {other} 审核，只有认领人可以操作。", $"{other} reviews this application; only they can act on it.")),
        _ => null,
    };
}
