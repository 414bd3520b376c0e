using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.EventStore;
using TitleReview.Web.Http;

namespace TitleReview.Review.Features.ReviewActions;

public sealed record ClaimRequest(long? ExpectedVersion);

public sealed record RevisionRequest(long? ExpectedVersion, IReadOnlyList<ModuleComment>? Comments);

public sealed record RejectionRequest(long? ExpectedVersion, string? Reason);

/// <summary>The API beside the reviewer pages: claim, request revision, reject. The acting reviewer is the caller.</summary>
public static class ReviewActionEndpoints
{
    public const int MaxCommentLength = 1000;

    public static RouteGroupBuilder MapReviewActions(this RouteGroupBuilder review)
    {
        review.MapPost("/applications/{id:guid}/claim", async (Guid id, ClaimRequest? request, HttpContext http, LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            await using var session = sessions.OpenForRequest(http);
            return (await ReviewAction.ClaimAsync(session, id, request?.ExpectedVersion, LedgerSessions.ActingFor(http).UserId, clock.GetUtcNow(), cancellationToken)).ToResult(id);
        });

        review.MapPost("/applications/{id:guid}/revision", async (Guid id, RevisionRequest? request, HttpContext http, LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (ValidateComments(request?.Comments) is { } problem)
            {
                return Problems.Validation(problem);
            }

            await using var session = sessions.OpenForRequest(http);
            var comments = request!.Comments!.Select(c => new ModuleComment(ApplicationModules.CodeOf(c.Module.Trim()), c.Comment.Trim())).ToList();
            return (await ReviewAction.RequestRevisionAsync(session, id, request.ExpectedVersion, LedgerSessions.ActingFor(http).UserId, comments, clock.GetUtcNow(), cancellationToken)).ToResult(id);
        });

        review.MapPost("/applications/{id:guid}/rejection", async (Guid id, RejectionRequest? request, HttpContext http, LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (string.IsNullOrWhiteSpace(request?.Reason) || request.Reason.Length > MaxCommentLength)
            {
                return Problems.Validation(new Dictionary<string, string[]> { ["reason"] = ["请填写不通过的理由（1000 字以内）。 / reason is required (at most 1000 characters)."] });
            }

            await using var session = sessions.OpenForRequest(http);
            return (await ReviewAction.RejectAsync(session, id, request.ExpectedVersion, LedgerSessions.ActingFor(http).UserId, request.Reason.Trim(), clock.GetUtcNow(), cancellationToken)).ToResult(id);
        });
        return review;
    }

    /// <summary>A revision names at least one module, each with a comment the applicant can act on.</summary>
    public static Dictionary<string, string[]>? ValidateComments(IReadOnlyList<ModuleComment>? comments) =>
        comments is not { Count: > 0 } || comments.Any(c => string.IsNullOrWhiteSpace(c?.Module) || string.IsNullOrWhiteSpace(c.Comment) || c.Module.Length > 50 || c.Comment.Length > MaxCommentLength)
            ? new Dictionary<string, string[]> { ["comments"] = ["退回修改须至少对一个模块填写修改意见（每条 1000 字以内）。 / At least one module needs a comment (each at most 1000 characters)."] }
            : null;
}
