using Marten;
using TitleReview.Contracts;
using TitleReview.Contracts.Ledger;
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

    public IQueryable<ReviewQueueItem> Apply(IQueryable<ReviewQueueItem> items, string reviewer)
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
            var start = DateFilter.StartOf(from);
            items = items.Where(i => i.QueuedAt >= start);
        }

        if (To is { } to)
        {
            var end = DateFilter.EndOf(to);
            items = items.Where(i => i.QueuedAt < end);
        }

        if (Mine)
        {
            items = items.Where(i => i.AssignedTo == reviewer);
        }

        return Sort switch
        {
            QueueSort.Newest => items.OrderByDescending(i => i.QueuedAt),
            QueueSort.Name => items.OrderBy(i => i.ApplicantName).ThenBy(i => i.QueuedAt),
            _ => items.OrderBy(i => i.QueuedAt),
        };
    }

    public static async Task<IReadOnlyDictionary<ApplicationStatus, int>> CountsAsync(IQuerySession query, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<ApplicationStatus, int>();
        foreach (var status in Open.Concat([ApplicationStatus.FinalApproved, ApplicationStatus.Rejected]))
        {
            counts[status] = await query.Query<ReviewQueueItem>().CountAsync(i => i.Status == status, cancellationToken);
        }

        return counts;
    }

    public static IResult? Invalid(DateOnly? from, DateOnly? to) => DateFilter.Invalid(from, to);
}
