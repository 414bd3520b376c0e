using Marten;
using TitleReview.EventStore;
using TitleReview.Publicity.Features.Notices;
using TitleReview.Publicity.Features.Objections;
using TitleReview.Web.Http;

namespace TitleReview.Publicity.Features.OfficerDesk;

/// <summary>
/// An objection as the officer reads it: the objection itself, and the line of the notice it is about (number, row,
/// name), so the officer works with what the public saw. Notice and line are null if the notice is gone.
/// </summary>
public sealed record DeskObjection(ObjectionRecord Objection, PublicNotice? Notice, PublicNoticeEntry? Entry);

public sealed record ObjectionsDesk(IReadOnlyList<DeskObjection> Items, long Total, long Open, int Page)
{
    public const int PageSize = 20;
}

public static class ObjectionsDeskReader
{
    /// <summary>Open objections first (they hold their publicity's completion), oldest first within each status.</summary>
    public static async Task<ObjectionsDesk> ReadAsync(LedgerSessions sessions, Paging paging, CancellationToken cancellationToken)
    {
        await using var query = sessions.Query();
        var page = await query.PageAsync<ObjectionRecord>(all => all,
            all => all.OrderBy(o => o.Status).ThenBy(o => o.LodgedAt).ThenBy(o => o.Id), o => o.Id, paging, cancellationToken);
        var open = await query.Query<ObjectionRecord>().Where(o => o.Status == ObjectionStatus.Open).LongCountAsync(cancellationToken);
        var notices = (await query.LoadManyAsync<PublicityNotice>(cancellationToken, page.Items.Select(o => o.NoticeId).Distinct()))
            .ToDictionary(n => n.Id);
        return new ObjectionsDesk([.. page.Items.Select(o => On(o, notices.GetValueOrDefault(o.NoticeId)))], page.Total, open, paging.Page);
    }

    public static async Task<ObjectionRecord?> LoadAsync(LedgerSessions sessions, Guid id, CancellationToken cancellationToken)
    {
        await using var query = sessions.Query();
        return await query.LoadAsync<ObjectionRecord>(id, cancellationToken);
    }

    // The row as the public notice numbers it (PublicNotice.From), found by the application the objection concerns.
    private static DeskObjection On(ObjectionRecord objection, PublicityNotice? notice)
    {
        if (notice is null)
        {
            return new DeskObjection(objection, null, null);
        }

        var index = notice.Entries.FindIndex(e => e.ApplicationId == objection.ApplicationId);
        var shown = PublicNotice.From(notice);
        return new DeskObjection(objection, shown, index >= 0 ? shown.Entries[index] : null);
    }
}
