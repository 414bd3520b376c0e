using Microsoft.AspNetCore.Mvc;
using TitleReview.BackOffice;
using TitleReview.Contracts;
using TitleReview.Domain;
using TitleReview.Domain.WorkingDays;
using TitleReview.Publicity.Features.Notices;
using TitleReview.Publicity.Features.Objections;
using TitleReview.EventStore;
using TitleReview.Web.Http;

namespace TitleReview.Publicity.Features.PublicPage;

/// <param name="Entry">"{noticeId}:{row}": the line of an open notice the objection is about (no application id is public).</param>
public sealed record ObjectionForm(string? Entry, string? Summary, string? ContactName, string? Contact)
{
    public LodgeObjectionRequest ToRequest()
    {
        var parts = (Entry ?? "").Split(':');
        return parts.Length == 2 && Guid.TryParse(parts[0], out var notice) && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var row)
            ? new LodgeObjectionRequest(null, Summary, ContactName, Contact, notice, row)
            : new LodgeObjectionRequest(null, Summary, ContactName, Contact);
    }
}

/// <summary>
/// The public publicity page (评审公示), no sign-in: current and past notices with name, employer, specialty and
/// level only, how to object and until when, and the objection form (<see cref="PublicityNoticesPage"/>).
/// </summary>
public static class PublicityPage
{
    private const int PageSize = 10;

    public static IEndpointRouteBuilder MapPublicityPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/publicity", async (int? page, string? lodged, LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            // A page before the first shows the first, as it always did; one past the furthest any list pages is a 400.
            var paging = Paging.Of(Math.Max(page ?? 1, 1), PageSize, PageSize, PageSize);
            if (paging.Problem is { } problem)
            {
                return problem;
            }

            var notices = await NoticeEndpoints.PageAsync(sessions, paging, cancellationToken);
            var open = await NoticeEndpoints.OpenForObjectionAsync(sessions, clock.Today(), cancellationToken);
            return Pages.Render<PublicityNoticesPage>(new { Notices = notices, Open = open, Today = clock.Today(), Lodged = lodged is not null });
        })
        .AllowAnonymous();

        app.MapPost("/publicity/objections", async ([FromForm] ObjectionForm? form, HttpContext http, LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var request = (form ?? new ObjectionForm(null, null, null, null)).ToRequest();
            var outcome = await LodgeObjection.LodgeAsync(request, sessions.OpenForRequest(http), clock, cancellationToken);
            if (!outcome.Accepted(out _, out var refusal))
            {
                return await RefusedAsync(refusal, sessions, clock, cancellationToken);
            }

            return Results.Redirect("/publicity?lodged=1");
        })
        .AllowAnonymous()
        .RequireRateLimiting(LodgeObjection.RateLimitPolicy)
        .WithMetadata(new RequestSizeLimitAttribute(LodgeObjection.MaxBodyBytes));
        return app;
    }

    private static async Task<IResult> RefusedAsync(Refusal refusal, LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var notices = await NoticeEndpoints.PageAsync(sessions, Paging.Of(1, PageSize, PageSize, PageSize), cancellationToken);
        var open = await NoticeEndpoints.OpenForObjectionAsync(sessions, clock.Today(), cancellationToken);
        return Pages.Render<PublicityNoticesPage>(new
        {
            Notices = notices, Open = open, Today = clock.Today(),
            Error = "异议未能提交：" + string.Join("；", LodgeObjection.ChineseMessages(refusal)),
        }, StatusCodes.Status400BadRequest);
    }
}
