using Marten;
using Marten.Pagination;
using TitleReview.Contracts.Events;
using TitleReview.EventStore;
using TitleReview.Web.Http;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Publicity.Features.Objections;

public sealed record ResolveObjectionRequest(bool? Upheld, string? Reason);

/// <summary>
/// A publicity officer decides an objection: dismissed (the publicity goes on and may complete) or upheld (the
/// application is refused, with the reason). Completion waits while any objection is open.
/// </summary>
public static class ResolveObjection
{
    public static RouteGroupBuilder MapObjectionOfficerEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/objections", ListObjections);

        group.MapPost("/objections/{objectionId:guid}/resolution", ResolveObjectionAsync);
        return group;
    }

    private static async Task<IResult> ListObjections(string? status, int? page, LedgerSessions sessions, CancellationToken cancellationToken)
    {
        ObjectionStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<ObjectionStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return Problems.Validation(new Dictionary<string, string[]> { ["status"] = ["status 取 Open、Dismissed 或 Upheld。 / status is Open, Dismissed or Upheld."] });
            }

            wanted = parsed;
        }

        var paging = Paging.Of(page, null, 20, 20);
        if (paging.Problem is { } problem)
        {
            return problem;
        }

        await using var query = sessions.Query();
        var objections = query.Query<ObjectionRecord>();
        var filtered = wanted is { } s ? objections.Where(o => o.Status == s) : objections;
        var items = await filtered.OrderBy(o => o.LodgedAt).ToPagedListAsync(paging.Page, paging.Size, cancellationToken);
        return Results.Ok(new { items = items.ToList(), total = items.TotalItemCount, page = paging.Page, pageSize = paging.Size });
    }

    private static async Task<IResult> ResolveObjectionAsync(
            Guid objectionId, ResolveObjectionRequest? request, HttpContext http, LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var reason = request?.Reason?.Trim();
        if (request?.Upheld is null || reason is not { Length: >= 2 and <= 2000 })
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["upheld"] = ["须说明异议是否成立（upheld: true/false）。 / upheld (true or false) is required."],
                ["reason"] = ["须填写处理理由（2到2000个字符）。 / reason is required (2 to 2000 characters)."],
            });
        }

        await using var session = sessions.OpenForRequest(http);
        var objection = await session.LoadAsync<ObjectionRecord>(objectionId, cancellationToken);
        if (objection is null)
        {
            return Problems.NotFound($"没有编号为 {objectionId} 的异议。", $"No objection with id {objectionId}.");
        }

        if (objection.Status != ObjectionStatus.Open)
        {
            return Problems.Conflict("该异议已处理。", "The objection has already been resolved.");
        }

        var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(objection.ApplicationId, cancellationToken);
        var now = clock.GetUtcNow();
        stream.AppendOne(new ObjectionResolved(objection.ApplicationId, objection.Id, request.Upheld.Value, reason, now));
        objection.Status = request.Upheld.Value ? ObjectionStatus.Upheld : ObjectionStatus.Dismissed;
        objection.Resolution = reason;
        objection.ResolvedBy = http.User.Identity?.Name;
        objection.ResolvedAt = now;
        session.Store(objection);
        await session.SaveChangesAsync(cancellationToken);
        return Results.Ok(objection);
    }
}
