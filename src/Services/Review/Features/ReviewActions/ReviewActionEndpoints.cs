using Microsoft.AspNetCore.Http.HttpResults;
using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.EventStore;
using TitleReview.Web.Http;

namespace TitleReview.Review.Features.ReviewActions;

public sealed record ClaimRequest(long? ExpectedVersion);

public sealed record RevisionRequest(long? ExpectedVersion, IReadOnlyList<ModuleComment>? Comments);

public sealed record RejectionRequest(long? ExpectedVersion, string? Reason);

/// <summary>
/// The API beside the reviewer pages: claim, request revision, reject. The acting reviewer is the caller.
/// </summary>
public static class ReviewActionEndpoints
{
    public static RouteGroupBuilder MapReviewActions(this RouteGroupBuilder review)
    {
        review.MapPost("/applications/{id:guid}/claim", ClaimAsync);
        review.MapPost("/applications/{id:guid}/revision", RequestRevisionAsync);
        review.MapPost("/applications/{id:guid}/rejection", RejectAsync);
        return review;
    }

    public static Task<Results<Ok<ReviewDone>, ProblemHttpResult>> ClaimAsync(Guid id, ClaimRequest? request,
        HttpContext http, LedgerSessions sessions,
        TimeProvider clock, CancellationToken cancellationToken) =>
        ActAsync(id, request?.ExpectedVersion, new ReviewCommand.Claim(LedgerSessions.ActingFor(http).UserId), http,
            sessions, clock, cancellationToken);

    public static async Task<Results<Ok<ReviewDone>, ProblemHttpResult>> RequestRevisionAsync(Guid id,
        RevisionRequest? request, HttpContext http,
        LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (ReviewDecider.CheckComments(request?.Comments) is { } invalid)
        {
            return invalid.ToProblem();
        }

        var comments = request!.Comments!.Select(c => new ModuleComment(ApplicationModules.CodeOf(c.Module.Trim()), c.Comment.Trim())).ToList();
        var command = new ReviewCommand.RequestRevision(LedgerSessions.ActingFor(http).UserId, comments);
        return await ActAsync(id, request.ExpectedVersion, command, http, sessions, clock, cancellationToken);
    }

    public static async Task<Results<Ok<ReviewDone>, ProblemHttpResult>> RejectAsync(Guid id, RejectionRequest? request,
        HttpContext http,
        LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (ReviewDecider.CheckReason(request?.Reason) is { } invalid)
        {
            return invalid.ToProblem();
        }

        var command = new ReviewCommand.Reject(LedgerSessions.ActingFor(http).UserId, request!.Reason!.Trim());
        return await ActAsync(id, request.ExpectedVersion, command, http, sessions, clock, cancellationToken);
    }

    /// <summary>
    /// Every reviewer's action over the API: decide through the one handler, answer the version or the refusal.
    /// </summary>
    public static async Task<Results<Ok<ReviewDone>, ProblemHttpResult>> ActAsync(Guid id, long? expectedVersion,
        ReviewCommand command,
        HttpContext http, LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var session = sessions.OpenForRequest(http);
        var decision = await ReviewActionHandler.ActAsync(session, id, expectedVersion, command, clock.GetUtcNow(),
            cancellationToken);
        return decision.Accepted(out var done, out var refusal) ? TypedResults.Ok(done) : refusal.ToProblem();
    }
}
