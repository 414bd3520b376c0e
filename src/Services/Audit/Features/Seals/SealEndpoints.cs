using TitleReview.Domain;
using TitleReview.EventStore;
using TitleReview.Web.Http;

namespace TitleReview.Audit.Features.Seals;

public static class SealEndpoints
{
    /// <summary>POST /api/audit/seals seals now; GET lists seals; POST /api/audit/seals/check recomputes them all.</summary>
    public static RouteGroupBuilder MapSeals(this RouteGroupBuilder seals)
    {
        seals.MapPost("/", async (HttpContext http, LedgerSeals ledgerSeals, CancellationToken cancellationToken) =>
        {
            var outcome = await ledgerSeals.SealAsync(LedgerSessions.ActingFor(http).UserId, cancellationToken);
            return outcome.Sealed
                ? Results.Created($"/api/audit/seals/{outcome.Latest!.SealNumber}", outcome.Latest)
                : Results.Ok(new
                {
                    message = new Bilingual("自上次封存以来没有新的已落定事件，未生成新封存。", "Nothing new has settled since the last seal; no seal was made.").ToString(),
                    latest = outcome.Latest,
                });
        });

        seals.MapGet("/", async (int? page, int? pageSize, LedgerSeals ledgerSeals, CancellationToken cancellationToken) =>
        {
            var paging = Paging.Of(page, pageSize, 20, 100);
            if (paging.Problem is not null)
            {
                return paging.Problem;
            }

            var (items, total) = await ledgerSeals.ListAsync(paging.Page, paging.Size, cancellationToken);
            return Results.Ok(new { items, page = paging.Page, pageSize = paging.Size, total });
        });

        seals.MapPost("/check", async (SealCheck check, CancellationToken cancellationToken) => Results.Ok(await check.RunAsync(cancellationToken)));
        return seals;
    }
}
