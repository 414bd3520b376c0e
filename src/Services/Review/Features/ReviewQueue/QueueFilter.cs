using Marten;
using TitleReview.Contracts;
using TitleReview.Contracts.Ledger;
using TitleReview.EventStore;
using TitleReview.Web.Http;

namespace TitleReview.Review.Features.ReviewQueue;

public enum QueueSort
{
    Oldest,
    Newest,
    Name,
}

/// <summary>The queue's filters, shared by the page and the API: status, level, specialty, queued date range, mine only; sort and paging.</summary>
public sealed record QueueFilter(ApplicationStatus? Status, TitleLevel? Level, string? Specialty, DateOnly? From, DateOnly? To, bool Mine, QueueSort Sort)
{
    /// <summary>What a reviewer still has to act on.</summary>
    public static readonly ApplicationStatus[] Open = [ApplicationStatus.Submitted, ApplicationStatus.UnderReview, ApplicationStatus.Resubmitted, ApplicationStatus.RevisionRequested];

    /// <summary>The statuses the queue counts above its table.</summary>
    public static readonly ApplicationStatus[] Counted = [.. Open, ApplicationStatus.FinalApproved, ApplicationStatus.Rejected];

    /// <summary>One page of the filtered queue in its sort order, and how many items the filter matches.</summary>
    public Task<ListPage<ReviewQueueItem>> PageAsync(IQuerySession query, string reviewer, Paging paging, CancellationToken cancellationToken) =>
        query.PageAsync<ReviewQueueItem>(items => Matching(items, reviewer), Ordered, i => i.Id, paging, cancellationToken);

    public IQueryable<ReviewQueueItem> Matching(IQueryable<ReviewQueueItem> items, string reviewer)
    {
        if (Status is { } status)
        {
            items = items.Where(i => i.Status == status);
        }

        if (Level is { } level)
        {
            items = items.Where(i => i.Level == level);
        }

        if (!string.IsNullOrWhiteSpace(Specialty))
        {
            var specialty = Specialty.Trim();
            items = items.Where(i => i.Specialty.Contains(specialty));
        }

        if (From is { } from)
        {
            // In UTC: the column is timestamptz, which Npgsql takes only with an offset of zero (the same instant).
            var start = DateFilter.StartOf(from).ToUniversalTime();
            items = items.Where(i => i.QueuedAt >= start);
        }

        if (To is { } to)
        {
            var end = DateFilter.EndOf(to).ToUniversalTime();
            items = items.Where(i => i.QueuedAt < end);
        }

        if (Mine)
        {
            items = items.Where(i => i.AssignedTo == reviewer);
        }

        return items;
    }

    public IQueryable<ReviewQueueItem> Ordered(IQueryable<ReviewQueueItem> items) => Sort switch
    {
        QueueSort.Newest => items.OrderByDescending(i => i.QueuedAt),
        QueueSort.Name => items.OrderBy(i => i.ApplicantName).ThenBy(i => i.QueuedAt),
        _ => items.OrderBy(i => i.QueuedAt),
    };

    /// <summary>The count of each <see cref="Counted"/> status, in one round trip (each count reads only the status index).</summary>
    public static async Task<IReadOnlyDictionary<ApplicationStatus, int>> CountsAsync(IQuerySession query, CancellationToken cancellationToken)
    {
        var batch = query.CreateBatchQuery();
        var counts = Counted.Select(status => (status, count: batch.Query<ReviewQueueItem>().Where(i => i.Status == status).Count())).ToList();
        await batch.Execute(cancellationToken);
        var byStatus = new Dictionary<ApplicationStatus, int>();
        foreach (var (status, count) in counts)
        {
            byStatus[status] = (int)await count;
        }

        return byStatus;
    }

    public static IResult? Invalid(DateOnly? from, DateOnly? to) => DateFilter.Invalid(from, to);
}
