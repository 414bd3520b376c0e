using Marten;

namespace TitleReview.Review.Features.ReviewQueue;

/// <summary>
/// The queue's fields its filters and counts read, as columns of their own with indexes: a filter or sort on the JSON
/// body read and sorted all 10^5 documents for every page. Marten adds each column to an existing table at start-up
/// and fills it from the documents in the same migration (<c>alter table … add column; update … set status = …</c>),
/// one pass over the table per column: so only the fields a count or a deep page must read from an index alone.
/// </summary>
public static class QueueIndexes
{
    public static void Register(StoreOptions documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        documents.Schema.For<ReviewQueueItem>()
            // The default sort; its index carries the id and the small filter columns, so a page's ids (at any depth,
            // filtered by status or level or not) come from the index alone. Kept narrow: each extra column widened
            // every entry that page 3,000 walks past (a 60,000-entry walk took 5× as long with the text columns in it).
            .Duplicate(i => i.QueuedAt, configure: index => index.IncludeColumns = ["id", "status", "level"])
            // The counts above the table, and a filter's total, each from its own small index.
            .Duplicate(i => i.Status)
            .Duplicate(i => i.Level)
            // A specialty is matched anywhere in the name (like '%…%'), which no index orders: its page and its total
            // read this whole small index instead of every document.
            .Duplicate(i => i.Specialty, configure: index => index.IncludeColumns = ["queued_at", "id"])
            // "Mine": a reviewer's own files, their page and their count.
            .Duplicate(i => i.AssignedTo, configure: index => index.IncludeColumns = ["queued_at", "id"])
            // Sorting by name reads its first pages from this index; the total is the unfiltered count.
            .Index([i => i.ApplicantName, i => i.QueuedAt]);
    }
}
