using Microsoft.AspNetCore.Mvc;
using TitleReview.BackOffice;
using TitleReview.Domain;
using TitleReview.Domain.WorkingDays;
using TitleReview.EventStore;
using TitleReview.EventStore.WorkingDays;
using TitleReview.Publicity.Features.Notices;
using TitleReview.Publicity.Features.Objections;
using TitleReview.Web.Http;

namespace TitleReview.Publicity.Features.OfficerDesk;

/// <summary>
/// The publicity officer's desk (公示管理), publicity-officer role: what waits for publication and publishing it now,
/// the notices and their periods, the calendar's reach, and the objections with their resolution forms. Every action
/// runs the same use case as the officers' API (<see cref="NoticePublisher"/>, <see cref="ResolveObjection"/>); the
/// handlers bind and check the query, the pages (Razor components beside this file) only show what they are given.
/// Forms post here and come back with a flag (PRG) that becomes the success banner.
/// </summary>
public static class PublicityDeskPages
{
    public const string Path = "/publicity-desk";

    /// <summary>At most this many notices in the banner after one publication (one per cycle; a longer list is not ours).</summary>
    private const int MaxPublishedInBanner = 20;

    public static RouteGroupBuilder MapPublicityDesk(this RouteGroupBuilder desk)
    {
        desk.MapGet("/", ShowDeskAsync);
        desk.MapPost("/notices", PublishFromPageAsync);
        desk.MapGet("/objections", ShowObjectionsAsync);
        desk.MapPost("/objections/{objectionId:guid}/resolution", ResolveFromPageAsync);
        return desk;
    }

    private static async Task<IResult> ShowDeskAsync(HttpContext http, PendingSort? sort, bool? desc, string? published,
        LedgerSessions sessions, WorkingDayCalendars calendars, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Two lists on one page, each paged under its own name; a bad number is a 400 naming pp or np.
        var pending = Paging.Named("pp", http.Request.Query["pp"], DeskOverview.PageSize);
        var notices = Paging.Named("np", http.Request.Query["np"], NoticeEndpoints.MaxPageSize / 5);
        var badIds = InvalidIds(published, "published", out var ids);
        if ((pending.Problem ?? notices.Problem ?? badIds) is { } problem)
        {
            return problem;
        }

        var model = await DeskOverviewReader.ReadAsync(sessions, calendars, clock, pending, notices, sort ?? PendingSort.Approved, desc == true, cancellationToken);
        var success = ids.Count == 0 ? null : DeskTexts.Published(await DeskOverviewReader.NoticesAsync(sessions, ids, cancellationToken));
        return Pages.Render<PublicityDeskPage>(new { Model = model, Success = success });
    }

    private static async Task<IResult> PublishFromPageAsync(HttpContext http, NoticePublisher publisher, LedgerSessions sessions,
        WorkingDayCalendars calendars, TimeProvider clock, CancellationToken cancellationToken)
    {
        string error;
        int status;
        try
        {
            var decision = await publisher.PublishPendingAsync(LedgerSessions.ActingFor(http), cancellationToken);
            if (decision.Accepted(out var published, out var refusal))
            {
                return Results.Redirect($"{Path}?published={string.Join(',', published.Select(p => p.Notice.Id))}");
            }

            (error, status) = ($"未发布公示：{refusal.Reason.Chinese}", RefusalProblems.StatusOf(refusal.Kind));
        }
        catch (CalendarYearNotLoadedException missing)
        {
            // Nothing was written: the entries stay pending until the year is loaded (NoticePublisher).
            (error, status) = (DeskTexts.CalendarMissing(missing), StatusCodes.Status422UnprocessableEntity);
        }

        var model = await DeskOverviewReader.ReadAsync(sessions, calendars, clock, FirstPage(DeskOverview.PageSize), FirstPage(NoticeEndpoints.MaxPageSize / 5),
            PendingSort.Approved, descending: false, cancellationToken);
        return Pages.Render<PublicityDeskPage>(new { Model = model, Error = error }, status);
    }

    private static async Task<IResult> ShowObjectionsAsync(int? page, string? resolved, LedgerSessions sessions, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(page, ObjectionsDesk.PageSize, ObjectionsDesk.PageSize, ObjectionsDesk.PageSize);
        var badIds = InvalidIds(resolved, "resolved", out var ids);
        if ((paging.Problem ?? badIds) is { } problem)
        {
            return problem;
        }

        var success = ids.Count == 1 && await ObjectionsDeskReader.LoadAsync(sessions, ids[0], cancellationToken) is { } done ? DeskTexts.Resolved(done) : null;
        return Pages.Render<ObjectionsDeskPage>(new { Model = await ObjectionsDeskReader.ReadAsync(sessions, paging, cancellationToken), Success = success });
    }

    private static async Task<IResult> ResolveFromPageAsync(Guid objectionId, [FromForm] string? upheld, [FromForm] string? reason, HttpContext http,
        LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        // The same validation as the API: a finding (true/false) and a reason of 2 to 2000 characters.
        var finding = bool.TryParse(upheld, out var value) ? value : (bool?)null;
        var decision = ResolveObjection.Validate(objectionId, new ResolveObjectionRequest(finding, reason));
        if (decision.Accepted(out var command, out var refusal))
        {
            await using var session = sessions.OpenForRequest(http);
            if ((await ResolveObjection.ResolveAsync(session, command, http.User.Identity?.Name, clock.GetUtcNow(), cancellationToken)).Accepted(out _, out refusal))
            {
                return Results.Redirect($"{Path}/objections?resolved={objectionId}");
            }
        }

        var model = await ObjectionsDeskReader.ReadAsync(sessions, FirstPage(ObjectionsDesk.PageSize), cancellationToken);
        return Pages.Render<ObjectionsDeskPage>(new { Model = model, Error = DeskTexts.NotResolved(refusal) }, RefusalProblems.StatusOf(refusal.Kind));
    }

    private static Paging FirstPage(int size) => Paging.Of(1, size, size, size);

    /// <summary>The ids a redirect put in the address ("a,b"); anything else there is a 400, as for every bad query.</summary>
    private static IResult? InvalidIds(string? text, string name, out IReadOnlyList<Guid> ids)
    {
        ids = [];
        if (text is null)
        {
            return null;
        }

        var parts = text.Split(',');
        var parsed = parts.Select(part => Guid.TryParse(part, out var id) ? id : Guid.Empty).ToList();
        if (parts.Length > MaxPublishedInBanner || parsed.Contains(Guid.Empty))
        {
            return Problems.Validation(new Dictionary<string, Bilingual[]>
            {
                [name] = [new($"{name} 须为本系统给出的编号。", $"{name} must be ids this system gave.")],
            });
        }

        ids = parsed;
        return null;
    }
}
