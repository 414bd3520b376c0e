using JasperFx;
using Marten;
using TitleReview.Contracts.Events;
using TitleReview.Domain;
using TitleReview.Domain.Lifecycle;
using TitleReview.Review.Features.ReviewQueue;

namespace TitleReview.Review.Features.ReviewActions;

/// <summary>What an accepted action answers: the stream version it produced and where the review stands.</summary>
public sealed record ReviewDone(Guid Id, long Version, string Status);

/// <summary>
/// Loads the application at the version the reviewer saw, lets <see cref="ReviewDecider"/> decide, appends and keeps
/// the queue in step. The API and the pages both act through here: a concurrent change by someone else is refused,
/// never silently overwritten.
/// </summary>
public static class ReviewActionHandler
{
    /// <summary>The refusal code of a stale version: the pages reload with a message instead of showing it.</summary>
    public const string Stale = "stale-version";

    public static readonly Bilingual StaleReason = new("该申报已被他人修改，请刷新后核对再操作。",
        "Someone else changed the application since you loaded it; reload and check before acting.");

    public static Refusal NotFound(Guid id) => Refusal.NotFound("application-not-found", new($"没有编号为 {id} 的申报。",
        $"No application with id {id}."));

    public static async Task<Decision<ReviewDone>> ActAsync(IDocumentSession session, Guid id, long? expectedVersion,
        ReviewCommand command,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Marten refuses the empty Guid as a stream id with an exception; no application has it, so it is not found.
        if (id == Guid.Empty)
        {
            return NotFound(id);
        }

        try
        {
            var stream = expectedVersion is { } expected
                ? await session.Events.FetchForWriting<ApplicationLifecycle>(id, expected, cancellationToken)
                : await session.Events.FetchForWriting<ApplicationLifecycle>(id, cancellationToken);
            if (stream.Aggregate is not { } application)
            {
                return NotFound(id);
            }

            // The stream's version and its events are read by separate statements: a request that lost a race can pass
            // the fetch's check yet fold the winner's event. It is stale, not refused by a rule about the new state.
            if (expectedVersion is { } wanted && application.Version != wanted)
            {
                return Refusal.Conflict(Stale, StaleReason);
            }

            if (!ReviewDecider.Decide(ReviewState.Of(id, application), command, now).Accepted(out var decided,
                out var refusal))
            {
                return refusal;
            }

            stream.AppendOne(decided);
            var version = application.Version + 1;
            var status = ReviewDecider.StatusAfter(decided);
            if (await session.LoadAsync<ReviewQueueItem>(id, cancellationToken) is { } item)
            {
                UpdateQueue(item, decided, version, now);
                session.Store(item);
            }

            await session.SaveChangesAsync(cancellationToken);
            return new ReviewDone(id, version, status.ToString());
        }
        catch (ConcurrencyException)
        {
            return Refusal.Conflict(Stale, StaleReason);
        }
    }

    private static void UpdateQueue(ReviewQueueItem item, IApplicationEvent decided, long version, DateTimeOffset now)
    {
        item.Status = ReviewDecider.StatusAfter(decided);
        switch (decided)
        {
            case ReviewStarted started:
                item.AssignedTo = started.ReviewerId;
                break;
            case RevisionRequested:
                item.ChangedModules = [];
                break;
        }

        item.LedgerVersion = version;
        item.UpdatedAt = now;
    }
}
