using JasperFx;
using Marten;
using TitleReview.Contracts.Events;
using TitleReview.Domain;
using TitleReview.Domain.Lifecycle;
using TitleReview.Review.Features.ReviewActions;
using TitleReview.Review.Features.ReviewQueue;

namespace TitleReview.Review.Features.ChecklistChecks;

/// <summary>
/// Folds the application and its latest checklist from the stream, lets <see cref="ChecklistDecider"/> decide, appends
/// ChecklistItemChecked and moves the queue's ledger version on (API clients act with that version as expected).
/// </summary>
public static class ChecklistCheckHandler
{
    public static async Task<Decision<ChecklistItemChecked>> CheckAsync(IDocumentSession session, Guid id, CheckItem command, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (id == Guid.Empty)
        {
            return ReviewActionHandler.NotFound(id);
        }

        try
        {
            var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(id, cancellationToken);
            if (stream.Aggregate is not { } application)
            {
                return ReviewActionHandler.NotFound(id);
            }

            var history = await session.Events.FetchStreamAsync(id, token: cancellationToken);
            var keys = ChecklistKeys.Of(LatestDossier.From(history.Select(e => e.Data)).Checklist).Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
            if (!ChecklistDecider.Decide(new ChecklistState(id, application.Status, application.Reviewer, keys), command, now).Accepted(out var checkedItem, out var refusal))
            {
                return refusal;
            }

            stream.AppendOne(checkedItem);
            if (await session.LoadAsync<ReviewQueueItem>(id, cancellationToken) is { } item)
            {
                item.LedgerVersion = application.Version + 1;
                item.UpdatedAt = now;
                session.Store(item);
            }

            // FetchForWriting checks on save that nobody appended since the fetch: a claim lost meanwhile is refused.
            await session.SaveChangesAsync(cancellationToken);
            return checkedItem;
        }
        catch (ConcurrencyException)
        {
            return Refusal.Conflict(ReviewActionHandler.Stale, ReviewActionHandler.StaleReason);
        }
    }
}
