using Marten;
using TitleReview.Domain.WorkingDays;
using TitleReview.EventStore;
using TitleReview.EventStore.WorkingDays;
using TitleReview.Publicity.Features.Notices;
using TitleReview.Web.Http;

namespace TitleReview.Publicity.Features.OfficerDesk;

/// <summary>How the officer orders what waits for publication: by approval (oldest first by default) or by name.</summary>
public enum PendingSort
{
    Approved,
    Name,
}

/// <summary>What the desk shows: one page of what waits, one page of the notices, and whether the calendar reaches far enough.</summary>
public sealed record DeskOverview(
    ListPage<PendingNoticeEntry> Pending, int PendingPage, PendingSort Sort, bool Descending,
    NoticePage Notices, DateOnly Today, CalendarRunway Calendar, string CalendarVersion)
{
    public const int PageSize = 20;
}

/// <summary>Reads the desk from the same documents the officers' API and the publisher read (no second copy of anything).</summary>
public static class DeskOverviewReader
{
    public static async Task<DeskOverview> ReadAsync(LedgerSessions sessions, WorkingDayCalendars calendars, TimeProvider clock,
        Paging pending, Paging notices, PendingSort sort, bool descending, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var calendar = await calendars.CurrentAsync(cancellationToken);
        await using var query = sessions.Query();
        var waiting = await query.PageAsync<PendingNoticeEntry>(all => all, all => Order(all, sort, descending), e => e.Id, pending, cancellationToken);
        var published = await NoticeEndpoints.PageAsync(sessions, notices, cancellationToken);
        return new DeskOverview(waiting, pending.Page, sort, descending, published, today, CalendarRunway.Of(calendar, today), calendar.Version);
    }

    /// <summary>The notices just published, for the banner after the redirect (ids the desk itself put in the address).</summary>
    public static async Task<IReadOnlyList<PublicityNotice>> NoticesAsync(LedgerSessions sessions, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        await using var query = sessions.Query();
        var found = await query.LoadManyAsync<PublicityNotice>(cancellationToken, ids);
        return [.. found.OrderBy(n => n.Number, StringComparer.Ordinal)];
    }

    // The id breaks ties, so paging never shows an entry twice or skips one when two were approved at the same instant.
    private static IQueryable<PendingNoticeEntry> Order(IQueryable<PendingNoticeEntry> all, PendingSort sort, bool descending) => (sort, descending) switch
    {
        (PendingSort.Name, false) => all.OrderBy(e => e.ApplicantName).ThenBy(e => e.Id),
        (PendingSort.Name, true) => all.OrderByDescending(e => e.ApplicantName).ThenBy(e => e.Id),
        (_, true) => all.OrderByDescending(e => e.ApprovedAt).ThenBy(e => e.Id),
        _ => all.OrderBy(e => e.ApprovedAt).ThenBy(e => e.Id),
    };
}
