using Marten;
using TitleReview.EventStore;
using TitleReview.Web.Http;

namespace TitleReview.Publicity.Features.Notices;

public sealed record NoticePage(IReadOnlyList<PublicNotice> Items, long Total, int Page, int PageSize);

public static class NoticeEndpoints
{
    public const int MaxPageSize = 50;

    /// <summary>Officers: what is waiting, and publishing it now.</summary>
    public static RouteGroupBuilder MapNoticeOfficerEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/pending", async (LedgerSessions sessions, CancellationToken cancellationToken) =>
        {
            await using var query = sessions.Query();
            return Results.Ok(await query.Query<PendingNoticeEntry>().OrderBy(e => e.ApprovedAt).ToListAsync(cancellationToken));
        });

        group.MapPost("/notices", PublishNowAsync);
        return group;
    }

    /// <summary>Publishes now; nothing pending is a 409 (<see cref="NoticePublisher.NothingPending"/>).</summary>
    private static async Task<IResult> PublishNowAsync(HttpContext http, NoticePublisher publisher, CancellationToken cancellationToken)
    {
        var decision = await publisher.PublishPendingAsync(LedgerSessions.ActingFor(http), cancellationToken);
        if (!decision.Accepted(out var published, out var refusal))
        {
            return refusal.ToProblem();
        }

        List<PublicityNotice> notices = [.. published.Select(p => p.Notice)];
        return Results.Created($"/api/publicity/notices/{notices[0].Id}", notices);
    }

    /// <summary>Anyone: published notices, open ones first, paged; without application ids (see <see cref="PublicNotice"/>).</summary>
    public static RouteGroupBuilder MapPublicNoticeEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/notices", async (int? page, int? pageSize, LedgerSessions sessions, CancellationToken cancellationToken) =>
        {
            var paging = Paging.Of(page, pageSize, 10, MaxPageSize);
            if (paging.Problem is { } problem)
            {
                return problem;
            }

            return Results.Ok(await PageAsync(sessions, paging, cancellationToken));
        });
        return group;
    }

    /// <summary>Everyone that may still be objected to today, whichever page their notice is on.</summary>
    public static async Task<IReadOnlyList<OpenNoticeEntry>> OpenForObjectionAsync(LedgerSessions sessions, DateOnly today, CancellationToken cancellationToken)
    {
        await using var query = sessions.Query();
        var open = await query.Query<PublicityNotice>().Where(n => n.End >= today)
            .OrderByDescending(n => n.End).ThenByDescending(n => n.Number).ToListAsync(cancellationToken);
        return [.. open.Select(PublicNotice.From).SelectMany(n => n.Entries.Select(entry => new OpenNoticeEntry(n.Id, n.Number, entry)))];
    }

    public static async Task<NoticePage> PageAsync(LedgerSessions sessions, Paging paging, CancellationToken cancellationToken)
    {
        await using var query = sessions.Query();
        // Latest end first puts every notice still open for objections ahead of the finished ones; the tie-breakers
        // keep a fixed order so a reader paging through never sees a notice twice or misses one.
        var notices = await query.PageAsync<PublicityNotice>(all => all,
            all => all.OrderByDescending(n => n.End).ThenByDescending(n => n.PublishedAt).ThenByDescending(n => n.Number),
            n => n.Id, paging, cancellationToken);
        return new NoticePage([.. notices.Items.Select(PublicNotice.From)], notices.Total, paging.Page, paging.Size);
    }
}
