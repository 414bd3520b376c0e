using Marten;
using Marten.Schema;

namespace TitleReview.Publicity.Features.Notices;

/// <summary>
/// The public list's sort fields as columns of the notices, with an index that carries all three: a notice holds every
/// line it published, so sorting on its JSON read and decompressed every notice for every page (an index on the JSON
/// alone still decompressed every notice it walked past), and the total sorted them all again (count(*) over ()).
/// Marten adds the columns at start-up and fills them from the JSON.
/// </summary>
public static class NoticeIndexes
{
    public static void Register(StoreOptions documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        documents.Schema.For<PublicityNotice>()
            .UniqueIndex(UniqueIndexType.Computed, n => n.CycleId, n => n.Number)
            // Read backwards, newest end first; the notices ending on the same day are put in order from the index's own
            // copies of publication and number, so a page's ids need no notice read. It also finds those still open.
            // (Not one index over all three columns: Marten leaves a column named "end" unquoted in such an index.)
            .Duplicate(n => n.End, configure: index => index.IncludeColumns = ["published_at", "number", "id"])
            .Duplicate(n => n.PublishedAt)
            .Duplicate(n => n.Number);
    }
}
