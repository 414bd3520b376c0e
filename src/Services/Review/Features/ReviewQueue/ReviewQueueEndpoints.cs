using Marten;
using TitleReview.Contracts;
using TitleReview.Contracts.Ledger;
using Marten.Pagination;
using TitleReview.EventStore;
using TitleReview.Web.Http;

namespace TitleReview.Review.Features.ReviewQueue;

public sealed record QueuePage(IReadOnlyList<ReviewQueueItem> Items, long Total, int Page, int PageSize, IReadOnlyDictionary<ApplicationStatus, int> CountsByStatus);

public static class ReviewQueueEndpoints
{
    private const int MaxPageSize = 100;

    public static RouteGroupBuilder MapReviewQueue(this RouteGroupBuilder group)
    {
        group.MapGet("/queue", async (int? page, int? pageSize, ApplicationStatus? status, TitleLevel? level, string? specialty, DateOnly? from, DateOnly? to,
            bool? mine, QueueSort? sort, HttpContext http, LedgerSessions sessions, CancellationToken cancellationToken) =>
        {
            var paging = Paging.Of(page, pageSize, 20, MaxPageSize);
            if ((paging.Problem ?? QueueFilter.Invalid(from, to)) is { } problem)
            {
                return problem;
            }

            await using var query = sessions.Query();
            var filter = new QueueFilter(status, level, specialty, from, to, mine == true, sort ?? QueueSort.Oldest);
            var items = await filter.Apply(query.Query<ReviewQueueItem>(), LedgerSessions.ActingFor(http).UserId).ToPagedListAsync(paging.Page, paging.Size, cancellationToken);
            return Results.Ok(new QueuePage(items.ToList(), items.TotalItemCount, paging.Page, paging.Size, await QueueFilter.CountsAsync(query, cancellationToken)));
        });

        group.MapGet("/queue/{id:guid}", async (Guid id, LedgerSessions sessions, CancellationToken cancellationToken) =>
        {
            await using var query = sessions.Query();
            return await query.LoadAsync<ReviewQueueItem>(id, cancellationToken) is { } item
                ? Results.Ok(item)
                : Problems.NotFound($"审核队列中没有申报 {id}。", $"Application {id} is not in the review queue.");
        });
        return group;
    }
}
