using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Mvc;
using TitleReview.BackOffice;
using TitleReview.Domain;
using TitleReview.Domain.WorkingDays;
using TitleReview.EventStore;
using TitleReview.Publicity.Features.Notices;
using TitleReview.Publicity.Features.Objections;
using TitleReview.Web.Http;

namespace TitleReview.Publicity.Features.OfficerDesk;

/// <summary>The objection form of the desk: the officer's finding ("true" upheld, "false" dismissed) and the reason.</summary>
public sealed class ResolutionForm
{
    public string? Upheld { get; set; }
    public string? Reason { get; set; }
}

/// <summary>
/// The publicity officer's desk (公示管理), pages over the same use cases as the officers' API: what waits to be
/// published and publishing it now (NoticePublisher), the notices, and the objections with their resolution
/// (ResolveObjection). Handlers check and act; the Razor components beside this file show.
/// </summary>
public static class OfficerDeskPages
{
    public const int PageSize = 20;

    public static RouteGroupBuilder MapOfficerDesk(this RouteGroupBuilder desk)
    {
        desk.MapGet("/", ShowDesk);
        desk.MapPost("/notices", PublishNow);
        desk.MapGet("/objections", ShowObjections);
        desk.MapPost("/objections/{objectionId:guid}/resolution", Resolve);
        return desk;
    }

    private static async Task<IResult> ShowDesk(int? page, string? published, LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(page, PageSize, PageSize, PageSize);
        if (paging.Problem is { } problem)
        {
            return problem;
        }

        return await DeskAsync(sessions, clock, paging, published is null ? null : $"已发布公示：{published}。", null, StatusCodes.Status200OK, cancellationToken);
    }

    private static async Task<IResult> PublishNow(HttpContext http, NoticePublisher publisher, LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var decision = await publisher.PublishPendingAsync(LedgerSessions.ActingFor(http), cancellationToken);
        if (decision.Accepted(out var published, out var refusal))
        {
            var said = string.Join("；", published.Select(p =>
                $"第{p.Notice.Number}号，{p.Notice.Entries.Count} 人，公示期 {Day(p.Notice.Start)} 至 {Day(p.Notice.End)}（{p.Notice.WorkingDays}个工作日）"));
            return Results.Redirect($"/publicity-desk?published={Uri.EscapeDataString(said)}");
        }

        return await DeskAsync(sessions, clock, Paging.Of(1, PageSize, PageSize, PageSize), null, $"未能发布：{refusal.Reason.Chinese}", StatusCodes.Status409Conflict, cancellationToken);
    }

    private static async Task<IResult> ShowObjections(int? page, string? resolved, LedgerSessions sessions, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(page, PageSize, PageSize, PageSize);
        if (paging.Problem is { } problem)
        {
            return problem;
        }

        return await ObjectionsAsync(sessions, paging, resolved is null ? null : "异议已处理。", null, StatusCodes.Status200OK, cancellationToken);
    }

    private static async Task<IResult> Resolve(Guid objectionId, [FromForm] ResolutionForm form, HttpContext http, LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        bool? upheld = form.Upheld switch { "true" => true, "false" => false, _ => null };
        var decision = await ResolveObjection.ResolveAsync(objectionId, new ResolveObjectionRequest(upheld, form.Reason), http, sessions, clock, cancellationToken);
        if (decision.Accepted(out _, out var refusal))
        {
            return Results.Redirect("/publicity-desk/objections?resolved=1");
        }

        var status = refusal.Kind switch
        {
            RefusalKind.NotFound => StatusCodes.Status404NotFound,
            RefusalKind.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        var reasons = refusal.Fields is { Count: > 0 } fields ? string.Join("；", fields.Values.SelectMany(f => f).Select(b => b.Chinese)) : refusal.Reason.Chinese;
        return await ObjectionsAsync(sessions, Paging.Of(1, PageSize, PageSize, PageSize), null, $"异议未处理：{reasons}", status, cancellationToken);
    }

    private static async Task<IResult> DeskAsync(LedgerSessions sessions, TimeProvider clock, Paging paging, string? success, string? error, int status, CancellationToken cancellationToken)
    {
        var notices = await NoticeEndpoints.PageAsync(sessions, Paging.Of(1, 10, 10, 10), cancellationToken);
        await using var query = sessions.Query();
        var pending = await query.PageAsync<PendingNoticeEntry>(all => all, all => all.OrderBy(e => e.ApprovedAt), e => e.Id, paging, cancellationToken);
        return Pages.Render<OfficerDeskPage>(new { Pending = pending, paging.Page, Notices = notices, Today = clock.Today(), Success = success, Error = error }, status);
    }

    private static async Task<IResult> ObjectionsAsync(LedgerSessions sessions, Paging paging, string? success, string? error, int status, CancellationToken cancellationToken)
    {
        await using var query = sessions.Query();
        // Open ones first, each group oldest first: what still holds a publicity's completion comes to the top.
        var objections = await query.PageAsync<ObjectionRecord>(all => all, all => all.OrderBy(o => o.Status).ThenBy(o => o.LodgedAt), o => o.Id, paging, cancellationToken);
        return Pages.Render<ObjectionsDeskPage>(new { Objections = objections, paging.Page, Success = success, Error = error }, status);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
