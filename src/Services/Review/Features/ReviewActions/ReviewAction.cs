using JasperFx;
using Marten;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Review.Features.ReviewQueue;
using TitleReview.Web.Http;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Review.Features.ReviewActions;

/// <summary>What became of a reviewer's action; the API answers it as JSON, the pages as a message.</summary>
public abstract record ReviewOutcome
{
    public sealed record Done(long Version, ApplicationStatus Status) : ReviewOutcome;

    public sealed record NotFound : ReviewOutcome;

    /// <summary>The rules refuse the action in the application's current state.</summary>
    public sealed record Refused(string Chinese, string English) : ReviewOutcome;

    /// <summary>Someone else changed the application since the reviewer loaded it (optimistic concurrency).</summary>
    public sealed record Stale : ReviewOutcome;

    public const string StaleChinese = "该申报已被他人修改，请刷新后核对再操作。";

    public IResult ToResult(Guid id) => this switch
    {
        Done done => Results.Ok(new { id, version = done.Version, status = done.Status.ToString() }),
        NotFound => Problems.NotFound($"没有编号为 {id} 的申报。", $"No application with id {id}."),
        Refused refused => Problems.Conflict(refused.Chinese, refused.English),
        _ => Problems.Conflict(StaleChinese, "Someone else changed the application since you loaded it; reload and check before acting."),
    };
}

/// <summary>
/// The reviewers' actions on one application: claim (ReviewStarted), request revision, reject, give final approval.
/// Each is checked against the ledger at the version the reviewer saw: a concurrent change by someone else is refused,
/// never silently overwritten.
/// </summary>
public static class ReviewAction
{
    public static Task<ReviewOutcome> ClaimAsync(IDocumentSession session, Guid id, long? expectedVersion, string reviewer, DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync(session, id, expectedVersion, now, ApplicationStatus.UnderReview, application =>
            application.Status is not (ApplicationStatus.Submitted or ApplicationStatus.Resubmitted or ApplicationStatus.UnderReview)
                ? Refuse(application, "认领")
                : application.Reviewer is { } other && other != reviewer
                    ? new ReviewOutcome.Refused($"该申报已由 {other} 认领。", $"{other} has already claimed this application.")
                    : new ReviewStarted(id, reviewer, now),
            item =>
            {
                item.AssignedTo = reviewer;
                item.Status = ApplicationStatus.UnderReview;
            }, cancellationToken);

    public static Task<ReviewOutcome> RequestRevisionAsync(IDocumentSession session, Guid id, long? expectedVersion, string reviewer, IReadOnlyList<ModuleComment> comments,
        DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync(session, id, expectedVersion, now, ApplicationStatus.RevisionRequested, application =>
            application.Status != ApplicationStatus.UnderReview ? Refuse(application, "退回修改")
            : NotClaimedBy(application, reviewer) ?? (object)new RevisionRequested(id, comments, now),
            item =>
            {
                item.Status = ApplicationStatus.RevisionRequested;
                item.ChangedModules = [];
            }, cancellationToken);

    public static Task<ReviewOutcome> RejectAsync(IDocumentSession session, Guid id, long? expectedVersion, string reviewer, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync(session, id, expectedVersion, now, ApplicationStatus.Rejected, application =>
            application.IsTerminal || application.FinalApproved ? Refuse(application, "审核不通过")
            : NotClaimedBy(application, reviewer) ?? (object)new ApplicationRejected(id, reason, now),
            item => item.Status = ApplicationStatus.Rejected, cancellationToken);

    public static Task<ReviewOutcome> ApproveAsync(IDocumentSession session, Guid id, long? expectedVersion, string reviewer, DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync(session, id, expectedVersion, now, ApplicationStatus.FinalApproved, application =>
            application.IsTerminal || application.FinalApproved ? Refuse(application, "终审通过")
            : application.RevisionOpen
                ? new ReviewOutcome.Refused("该申报正在退回修改，须待申报人重新提交后才能终审通过。", "A revision request is open; final approval waits for the resubmission.")
                : NotClaimedBy(application, reviewer) ?? (object)new FinalApproved(id, reviewer, now),
            item => item.Status = ApplicationStatus.FinalApproved, cancellationToken);

    private static ReviewOutcome.Refused Refuse(ApplicationLifecycle application, string action) =>
        new($"该申报当前为“{application.Status.Chinese()}”，不能{action}。", $"The application is '{application.Status.English()}'; this action is not possible now.");

    /// <summary>
    /// Revision, rejection and approval need the claim: the acting user must be the one whose ReviewStarted holds the
    /// file. An unclaimed file is claimed first, so the ledger always says who reviewed what; an admin is no exception
    /// (they may claim, and then act as themselves).
    /// </summary>
    private static ReviewOutcome.Refused? NotClaimedBy(ApplicationLifecycle application, string reviewer) => application.Reviewer switch
    {
        null => new ReviewOutcome.Refused("该申报尚未认领：请先认领，再审核。", "Nobody has claimed this application; claim it before acting on it."),
        var other when other != reviewer => new ReviewOutcome.Refused($"该申报由 {other} 审核，只有认领人可以操作。", $"{other} reviews this application; only they can act on it."),
        _ => null,
    };

    /// <param name="decide">An event to append, or a <see cref="ReviewOutcome.Refused"/>.</param>
    private static async Task<ReviewOutcome> RunAsync(IDocumentSession session, Guid id, long? expectedVersion, DateTimeOffset now, ApplicationStatus after,
        Func<ApplicationLifecycle, object> decide, Action<ReviewQueueItem> updateQueue, CancellationToken cancellationToken)
    {
        // Marten refuses the empty Guid as a stream id with an exception; no application has it, so it is simply not found.
        if (id == Guid.Empty)
        {
            return new ReviewOutcome.NotFound();
        }

        try
        {
            var stream = expectedVersion is { } expected
                ? await session.Events.FetchForWriting<ApplicationLifecycle>(id, expected, cancellationToken)
                : await session.Events.FetchForWriting<ApplicationLifecycle>(id, cancellationToken);
            if (stream.Aggregate is not { } application)
            {
                return new ReviewOutcome.NotFound();
            }

            var decision = decide(application);
            if (decision is ReviewOutcome refused)
            {
                return refused;
            }

            stream.AppendOne(decision);
            var version = application.Version + 1;
            if (await session.LoadAsync<ReviewQueueItem>(id, cancellationToken) is { } item)
            {
                updateQueue(item);
                item.LedgerVersion = version;
                item.UpdatedAt = now;
                session.Store(item);
            }

            await session.SaveChangesAsync(cancellationToken);
            return new ReviewOutcome.Done(version, after);
        }
        catch (ConcurrencyException)
        {
            return new ReviewOutcome.Stale();
        }
    }
}
