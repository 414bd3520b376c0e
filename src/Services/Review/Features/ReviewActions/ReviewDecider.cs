using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Review.Features.ReviewActions;

/// <summary>
/// What the reviewers' actions need to know about one application: where it stands and who holds its claim.
/// </summary>
public sealed record ReviewState(Guid Id, ApplicationStatus Status, string? Reviewer, bool IsTerminal,
    bool FinalApproved, bool RevisionOpen, long Version)
{
    public static ReviewState Of(Guid id, ApplicationLifecycle application) =>
        new(id, application.Status, application.Reviewer, application.IsTerminal, application.FinalApproved,
            application.RevisionOpen, application.Version);
}

/// <summary>
/// A reviewer's action; <see cref="Reviewer"/> is always the authenticated caller, never a name from the request.
/// </summary>
public abstract record ReviewCommand(string Reviewer)
{
    public sealed record Claim(string Reviewer) : ReviewCommand(Reviewer);

    public sealed record RequestRevision(string Reviewer,
        IReadOnlyList<ModuleComment> Comments) : ReviewCommand(Reviewer);

    public sealed record Reject(string Reviewer, string Reason) : ReviewCommand(Reviewer);

    public sealed record Approve(string Reviewer) : ReviewCommand(Reviewer);
}

/// <summary>
/// The reviewers' actions on one application: claim (ReviewStarted), request revision, reject, give final approval.
/// Revision, rejection and approval need the claim: the acting user must be the one whose ReviewStarted holds the file.
/// An unclaimed file is claimed first, so the ledger always says who reviewed what; an admin is no exception (they may
/// claim, and then act as themselves).
/// </summary>
public static class ReviewDecider
{
    public const int MaxCommentLength = 1000;
    public const int MaxModuleLength = 50;

    public static Decision<IApplicationEvent> Decide(ReviewState state, ReviewCommand command, DateTimeOffset now) =>
        command switch
        {
            ReviewCommand.Claim claim => Claim(state, claim, now),
            ReviewCommand.RequestRevision revision => state.Status != ApplicationStatus.UnderReview
                ? WrongStatus(state, "退回修改")
                : NotClaimedBy(state, revision.Reviewer) is { } notHolder
                    ? notHolder
                    : new RevisionRequested(state.Id, revision.Comments, now),
            ReviewCommand.Reject reject => state.IsTerminal || state.FinalApproved
                ? WrongStatus(state, "审核不通过")
                : NotClaimedBy(state, reject.Reviewer) is { } notHolder
                    ? notHolder
                    : new ApplicationRejected(state.Id, reject.Reason, now),
            ReviewCommand.Approve approve => Approve(state, approve, now),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Not a reviewer's action."),
        };

    /// <summary>Where each accepted action leaves the review.</summary>
    public static ApplicationStatus StatusAfter(IApplicationEvent decided) => decided switch
    {
        ReviewStarted => ApplicationStatus.UnderReview,
        RevisionRequested => ApplicationStatus.RevisionRequested,
        ApplicationRejected => ApplicationStatus.Rejected,
        FinalApproved => ApplicationStatus.FinalApproved,
        _ => throw new ArgumentOutOfRangeException(nameof(decided), decided, "Not a review event."),
    };

    /// <summary>A revision names at least one module, each with a comment the applicant can act on.</summary>
    public static Refusal? CheckComments(IReadOnlyList<ModuleComment?>? comments) =>
        comments is not { Count: > 0 }
        || comments.Any(c => string.IsNullOrWhiteSpace(c?.Module) || string.IsNullOrWhiteSpace(c.Comment)
            || c.Module.Length > MaxModuleLength || c.Comment.Length > MaxCommentLength)
            ? Field("comments", new("退回修改须至少对一个模块填写修改意见（每条 1000 字以内）。",
                "At least one module needs a comment (each at most 1000 characters)."))
            : null;

    public static Refusal? CheckReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Length > MaxCommentLength
            ? Field("reason", new("请填写不通过的理由（1000 字以内）。", "reason is required (at most 1000 characters)."))
            : null;

    /// <summary>
    /// The acting reviewer is the caller. A client naming someone else is told so instead of believing it acted in
    /// their name.
    /// </summary>
    public static Refusal? CheckNamedReviewer(string? named, string caller) =>
        named is not null && !string.Equals(named.Trim(), caller, StringComparison.Ordinal)
            ? Field("reviewerId", new($"审核人即当前登录用户（{caller}），不能以他人名义终审；请省略 reviewerId。",
                $"The acting reviewer is the authenticated caller ({caller}); omit reviewerId."))
            : null;

    private static Decision<IApplicationEvent> Claim(ReviewState state, ReviewCommand.Claim claim, DateTimeOffset now)
    {
        if (state.Status is not (ApplicationStatus.Submitted or ApplicationStatus.Resubmitted
            or ApplicationStatus.UnderReview))
        {
            return WrongStatus(state, "认领");
        }

        return state.Reviewer is { } other && other != claim.Reviewer
            ? Refusal.Conflict("review-claimed", new($"该申报已由 {other} 认领。",
                $"{other} has already claimed this application."))
            : new ReviewStarted(state.Id, claim.Reviewer, now);
    }

    private static Decision<IApplicationEvent> Approve(ReviewState state, ReviewCommand.Approve approve,
        DateTimeOffset now)
    {
        if (state.IsTerminal || state.FinalApproved)
        {
            return WrongStatus(state, "终审通过");
        }

        if (state.RevisionOpen)
        {
            return Refusal.Conflict("review-revision-open",
                new("该申报正在退回修改，须待申报人重新提交后才能终审通过。",
                    "A revision request is open; final approval waits for the resubmission."));
        }

        return NotClaimedBy(state, approve.Reviewer) is { } notHolder
            ? notHolder
            : new FinalApproved(state.Id, approve.Reviewer, now);
    }

    private static Refusal WrongStatus(ReviewState state, string action) =>
        Refusal.Conflict("review-status",
            new($"该申报当前为“{state.Status.Chinese()}”，不能{action}。",
                $"The application is '{state.Status.English()}'; this action is not possible now."));

    private static Refusal? NotClaimedBy(ReviewState state, string reviewer) => state.Reviewer switch
    {
        null => Refusal.Conflict("review-not-claimed", new("该申报尚未认领：请先认领，再审核。",
            "Nobody has claimed this application; claim it before acting on it.")),
        var other when other != reviewer => Refusal.Conflict("review-claimed",
            new($"该申报由 {other} 审核，只有认领人可以操作。", $"{other} reviews this application; only they can act on it.")),
        _ => null,
    };

    private static Refusal Field(string field, Bilingual message) =>
        Refusal.InvalidFields(new Dictionary<string, IReadOnlyList<Bilingual>> { [field] = [message] });
}
