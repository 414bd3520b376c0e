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
        RunAsync(session, new ReviewCommand.Claim(id, reviewer), expectedVersion, now, ApplicationStatus.UnderReview,
            item =>
            {
                item.AssignedTo = reviewer;
                item.Status = ApplicationStatus.UnderReview;
            }, cancellationToken);

    public static Task<ReviewOutcome> RequestRevisionAsync(IDocumentSession session, Guid id, long? expectedVersion, string reviewer, IReadOnlyList<ModuleComment> comments,
        DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync(session, new ReviewCommand.RequestRevision(id, reviewer, comments), expectedVersion, now, ApplicationStatus.RevisionRequested,
            item =>
            {
                item.Status = ApplicationStatus.RevisionRequested;
                item.ChangedModules = [];
            }, cancellationToken);

    public static Task<ReviewOutcome> RejectAsync(IDocumentSession session, Guid id, long? expectedVersion, string reviewer, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync(session, new ReviewCommand.Reject(id, reviewer, reason), expectedVersion, now, ApplicationStatus.Rejected,
            item => item.Status = ApplicationStatus.Rejected, cancellationToken);

    public static Task<ReviewOutcome> ApproveAsync(IDocumentSession session, Guid id, long? expectedVersion, string reviewer, DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync(session, new ReviewCommand.Approve(id, reviewer), expectedVersion, now, ApplicationStatus.FinalApproved,
            item => item.Status = ApplicationStatus.FinalApproved, cancellationToken);

    /// <summary>Loads the stream at the version the reviewer saw, lets <see cref="ReviewDecider"/> decide, appends, updates the queue.</summary>
    private static async Task<ReviewOutcome> RunAsync(IDocumentSession session, ReviewCommand command, long? expectedVersion, DateTimeOffset now,
        ApplicationStatus after, Action<ReviewQueueItem> updateQueue, CancellationToken cancellationToken)
    {
        var id = command.Id;
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

            if (!ReviewDecider.Decide(application, command, now).Accepted(out var decided, out var refusal))
            {
                return new ReviewOutcome.Refused(refusal.Reason.Chinese, refusal.Reason.English);
            }

            stream.AppendOne(decided);
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
