using Marten;
using Marten.Pagination;
using TitleReview.Contracts.Events;
using TitleReview.Domain;
using TitleReview.EventStore;
using TitleReview.Web.Http;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Publicity.Features.Objections;

public sealed record ResolveObjectionRequest(bool? Upheld, string? Reason);

/// <summary>A well-formed resolution: the officer's finding and the trimmed reason.</summary>
public sealed record ResolveObjectionCommand(Guid ObjectionId, bool Upheld, string Reason);

/// <summary>
/// A publicity officer decides an objection: dismissed (the publicity goes on and may complete) or upheld (the
/// application is refused, with the reason). Completion waits while any objection is open.
/// </summary>
public static class ResolveObjection
{
    public const int MaxReasonLength = 2000;

    public static readonly Refusal AlreadyResolved = Refusal.Conflict("objection-resolved",
        new("该异议已处理。", "The objection has already been resolved."));

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
                return Problems.Validation(new Dictionary<string, Bilingual[]> { ["status"] = [new("status 取 Open、Dismissed 或 Upheld。", "status is Open, Dismissed or Upheld.")] });
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
        if (!Validate(objectionId, request).Accepted(out var command, out var invalid))
        {
            return invalid.ToProblem();
        }

        await using var session = sessions.OpenForRequest(http);
        return (await ResolveAsync(session, command, http.User.Identity?.Name, clock.GetUtcNow(), cancellationToken)).Accepted(out var objection, out var refusal)
            ? Results.Ok(objection)
            : refusal.ToProblem();
    }

    /// <summary>
    /// The use case, for the API and the officer's desk alike: load, decide, append the resolution to the application's
    /// stream at the version read, record it on the objection and save; a refusal writes nothing.
    /// </summary>
    public static async Task<Decision<ObjectionRecord>> ResolveAsync(
        IDocumentSession session, ResolveObjectionCommand command, string? resolvedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(command);
        var objection = await session.LoadAsync<ObjectionRecord>(command.ObjectionId, cancellationToken);
        if (!Decide(objection, command, now).Accepted(out var resolved, out var refusal))
        {
            return refusal;
        }

        // Fetched for writing: the append carries the stream version read here, so a concurrent change is a conflict.
        var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(resolved.ApplicationId, cancellationToken);
        stream.AppendOne(resolved);
        Record(objection!, resolved, resolvedBy);
        session.Store(objection!);
        await session.SaveChangesAsync(cancellationToken);
        return objection!;
    }

    /// <summary>The request as a command, or the one validation refusal that names both fields (as it always has).</summary>
    public static Decision<ResolveObjectionCommand> Validate(Guid objectionId, ResolveObjectionRequest? request)
    {
        var reason = request?.Reason?.Trim();
        if (request?.Upheld is not { } upheld || reason is not { Length: >= 2 and <= MaxReasonLength })
        {
            return Refusal.InvalidFields(new Dictionary<string, IReadOnlyList<Bilingual>>
            {
                ["upheld"] = [new("须说明异议是否成立（upheld: true/false）。", "upheld (true or false) is required.")],
                ["reason"] = [new("须填写处理理由（2到2000个字符）。", "reason is required (2 to 2000 characters).")],
            });
        }

        return new ResolveObjectionCommand(objectionId, upheld, reason);
    }

    /// <summary>
    /// An open objection is resolved once, upheld or dismissed, with the officer's reason; an unknown one is not found
    /// and a resolved one is not resolved again. No clause of the notice governs this: 四(一) only says the proof
    /// waits until there is no objection, which the completion job enforces.
    /// </summary>
    public static Decision<ObjectionResolved> Decide(ObjectionRecord? objection, ResolveObjectionCommand command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (objection is null || objection.Id != command.ObjectionId)
        {
            return NotFound(command.ObjectionId);
        }

        if (objection.Status != ObjectionStatus.Open)
        {
            return AlreadyResolved;
        }

        return new ObjectionResolved(objection.ApplicationId, objection.Id, command.Upheld, command.Reason, now);
    }

    public static Refusal NotFound(Guid objectionId) =>
        Refusal.NotFound("objection-not-found", new($"没有编号为 {objectionId} 的异议。", $"No objection with id {objectionId}."));

    /// <summary>The officers' record of the objection after the decision.</summary>
    public static void Record(ObjectionRecord objection, ObjectionResolved resolved, string? resolvedBy)
    {
        ArgumentNullException.ThrowIfNull(objection);
        ArgumentNullException.ThrowIfNull(resolved);
        objection.Status = resolved.Upheld ? ObjectionStatus.Upheld : ObjectionStatus.Dismissed;
        objection.Resolution = resolved.Reason;
        objection.ResolvedBy = resolvedBy;
        objection.ResolvedAt = resolved.ResolvedAt;
    }
}
