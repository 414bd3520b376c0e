using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TitleReview.Domain;
using TitleReview.Review.Features.ApiDocumentation;
using TitleReview.Contracts;
using TitleReview.Contracts.Ledger;
using TitleReview.EventStore;
using TitleReview.Web.Http;

namespace TitleReview.Review.Features.ReviewQueue;

public sealed record QueuePage(IReadOnlyList<ReviewQueueItem> Items, long Total, int Page, int PageSize, IReadOnlyDictionary<ApplicationStatus, int> CountsByStatus);

public static class ReviewQueueEndpoints
{
    private const int MaxPageSize = 100;

    public static RouteGroupBuilder MapReviewQueue(this RouteGroupBuilder group)
    {
        group.MapGet("/queue", ListAsync);
        group.MapGet("/queue/{id:guid}", GetAsync);
        return group;
    }

    public static async Task<Results<Ok<QueuePage>, ProblemHttpResult>> ListAsync(int? page, int? pageSize, ApplicationStatus? status, TitleLevel? level,
        string? specialty, DateOnly? from, DateOnly? to, bool? mine, QueueSort? sort, HttpContext http, LedgerSessions sessions, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(page, pageSize, 20, MaxPageSize);
        if ((paging.Problem ?? QueueFilter.Invalid(from, to)) is { } problem)
        {
            return TypedAnswers.AsProblem(problem);
        }

        await using var query = sessions.Query();
        var filter = new QueueFilter(status, level, specialty, from, to, mine == true, sort ?? QueueSort.Oldest);
        var items = await filter.PageAsync(query, LedgerSessions.ActingFor(http).UserId, paging, cancellationToken);
        return TypedResults.Ok(new QueuePage(items.Items, items.Total, paging.Page, paging.Size, await QueueFilter.CountsAsync(query, cancellationToken)));
    }

    public static async Task<Results<Ok<ReviewQueueItem>, ProblemHttpResult>> GetAsync(Guid id, LedgerSessions sessions, CancellationToken cancellationToken)
    {
        await using var query = sessions.Query();
        return await query.LoadAsync<ReviewQueueItem>(id, cancellationToken) is { } item
            ? TypedResults.Ok(item)
            : NotInQueue(id).ToProblem();
    }

    public static Refusal NotInQueue(Guid id) => Refusal.NotFound("not-in-queue", new($"审核队列中没有申报 {id}。", $"Application {id} is not in the review queue."));
}
