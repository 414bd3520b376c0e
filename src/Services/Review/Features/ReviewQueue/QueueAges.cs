using Marten;
using TitleReview.Contracts.Ledger;

namespace TitleReview.Review.Features.ReviewQueue;

/// <summary>How long the open files have waited, per status: the queue's shape at a glance for whoever plans the week.</summary>
/// <param name="Buckets">The age bands' Chinese names, youngest first.</param>
/// <param name="ByStatus">Per open status, the number of files in each band (in <paramref name="Buckets"/>' order).</param>
public sealed record QueueAges(IReadOnlyList<string> Buckets, IReadOnlyDictionary<ApplicationStatus, IReadOnlyList<int>> ByStatus)
{
    /// <summary>The statuses a file waits in for someone in the review office (sent-back files wait for the applicant).</summary>
    public static readonly IReadOnlyList<ApplicationStatus> Open =
        [ApplicationStatus.Submitted, ApplicationStatus.UnderReview, ApplicationStatus.Resubmitted, ApplicationStatus.RevisionRequested];

    /// <summary>Band edges in whole days since the file entered the queue: 0–3, 4–7, 8–14, more than 14.</summary>
    private static readonly (string Name, int From, int? To)[] Bands = [("3 天内", 0, 3), ("4–7 天", 4, 7), ("8–14 天", 8, 14), ("超过 14 天", 15, null)];

    /// <summary>One batch of counts over the indexed QueuedAt column; no file is loaded.</summary>
    public static async Task<QueueAges> CountAsync(IQuerySession query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var batch = query.CreateBatchQuery();
        var pending = Open.ToDictionary(status => status, status => Bands.Select(band =>
        {
            // A file queued at most N days ago has QueuedAt after now − (N+1) days (whole days, as the queue's wait column counts).
            var newest = now.AddDays(-band.From).ToUniversalTime();
            var matching = batch.Query<ReviewQueueItem>().Where(i => i.Status == status && i.QueuedAt <= newest);
            if (band.To is { } to)
            {
                var oldest = now.AddDays(-(to + 1)).ToUniversalTime();
                matching = matching.Where(i => i.QueuedAt > oldest);
            }

            return matching.Count();
        }).ToList());
        await batch.Execute(cancellationToken);

        var byStatus = new Dictionary<ApplicationStatus, IReadOnlyList<int>>();
        foreach (var (status, counts) in pending)
        {
            var values = new List<int>();
            foreach (var count in counts)
            {
                values.Add((int)await count);
            }

            byStatus[status] = values;
        }

        return new QueueAges([.. Bands.Select(b => b.Name)], byStatus);
    }
}
