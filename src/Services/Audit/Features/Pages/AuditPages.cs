using Marten;
using Microsoft.AspNetCore.Antiforgery;
using TitleReview.Audit.Features.History;
using TitleReview.Audit.Features.Search;
using TitleReview.Audit.Features.Verification;
using TitleReview.BackOffice;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain;
using TitleReview.Domain.Cycles;
using TitleReview.EventStore;
using TitleReview.EventStore.WorkingDays;
using TitleReview.Web.Http;

namespace TitleReview.Audit.Features.Pages;

/// <summary>
/// The auditors' pages in Chinese: search, one application's timeline with its findings, verification runs. Handlers
/// check the query and read; the Razor components beside this file show.
/// </summary>
public static class AuditPages
{
    public static RouteGroupBuilder MapAuditPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/", Search);
        pages.MapGet("/applications/{id:guid}", ShowTimeline);
        pages.MapGet("/verifications", ShowVerifications);
        pages.MapPost("/verifications", StartVerification);
        pages.MapGet("/verifications/{runId:guid}", ShowRun);
        return pages;
    }

    private static async Task<IResult> Search(string? name, ApplicationStatus? status, DateOnly? from, DateOnly? to, int? page, string? sort, string? dir,
        LedgerSessions sessions, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(page, 20, 20, 20);
        var order = SearchSort.Of(sort, dir);
        if ((paging.Problem ?? DateFilter.Invalid(from, to) ?? order.Problem) is { } problem)
        {
            return problem;
        }

        var found = await ApplicationSearchEndpoint.SearchAsync(sessions, new ApplicationSearchEndpoint.SearchCriteria(name, null, status, from, to, order.Sort), paging, cancellationToken);
        return TitleReview.BackOffice.Pages.Render<AuditSearchPage>(new { Found = found, Name = name, Status = status, From = from, To = to, Sort = order.Sort });
    }

    private static async Task<IResult> ShowTimeline(Guid id, LedgerReader ledger, WorkingDayCalendars calendars, ReviewCycleCatalogue cycles, CancellationToken cancellationToken)
    {
        var history = await ledger.StreamAsync(id, cancellationToken);
        if (history.Count == 0)
        {
            return HistoryEndpoints.NoSuchApplication(id);
        }

        var findings = HistoryVerifier.Verify(history, await calendars.RefreshAsync(cancellationToken), cycles);
        var name = history.Select(e => e.Data).OfType<TitleReview.Contracts.Events.ApplicationSubmitted>().FirstOrDefault()?.ApplicantName ?? id.ToString();
        return TitleReview.BackOffice.Pages.Render<AuditTimelinePage>(new { Id = id, ApplicantName = name, History = history, Findings = findings });
    }

    private static async Task<IResult> ShowVerifications(LedgerSessions sessions, CancellationToken cancellationToken)
    {
        await using var query = sessions.Query();
        var runs = await query.Query<VerificationRun>().OrderByDescending(r => r.RequestedAt).Take(20).ToListAsync(cancellationToken);
        return TitleReview.BackOffice.Pages.Render<VerificationsPage>(new { Runs = runs });
    }

    private static async Task<IResult> StartVerification(HttpContext http, IAntiforgery antiforgery, VerificationRunner runner, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: Problems.TitleFor(StatusCodes.Status400BadRequest),
                detail: new Bilingual("页面已过期或来源不明，请刷新后重试。", "The form is stale or did not come from this site; reload and try again.").ToString());
        }

        var run = await runner.StartAsync(LedgerSessions.ActingFor(http).UserId, cancellationToken);
        return Results.Redirect($"/audit/verifications/{run.Id}");
    }

    private static async Task<IResult> ShowRun(Guid runId, int? page, LedgerSessions sessions, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(page, VerificationRunPage.PageSize, VerificationRunPage.PageSize, VerificationRunPage.PageSize);
        if (paging.Problem is not null)
        {
            return paging.Problem;
        }

        await using var query = sessions.Query();
        var run = await query.LoadAsync<VerificationRun>(runId, cancellationToken);
        if (run is null)
        {
            return Problems.NotFound(new($"没有编号为 {runId} 的核验。", $"No verification run {runId}."));
        }

        var findings = await query.Query<RunFinding>().Where(f => f.RunId == runId).OrderBy(f => f.Index)
            .Skip((paging.Page - 1) * paging.Size).Take(paging.Size).ToListAsync(cancellationToken);
        return TitleReview.BackOffice.Pages.Render<VerificationRunPage>(new { Run = run, Findings = findings, paging.Page });
    }
}
