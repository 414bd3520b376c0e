using TitleReview.Review.Features.ReviewActions;
using TitleReview.ServiceDefaults.EventStore;
using TitleReview.ServiceDefaults.Http;

namespace TitleReview.Review.Features.FinalApproval;

/// <summary>
/// <paramref name="ExpectedVersion"/> is the stream version the reviewer was looking at: when someone else changed
/// the application since, the approval is refused with 409 instead of silently overwriting their work.
/// </summary>
public sealed record FinalApprovalRequest(string? ReviewerId, long? ExpectedVersion);

public static class FinalApprovalEndpoint
{
    public static RouteGroupBuilder MapFinalApproval(this RouteGroupBuilder group)
    {
        group.MapPost("/applications/{id:guid}/final-approval", async (
            Guid id, FinalApprovalRequest? request, HttpContext http, LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var reviewer = request?.ReviewerId?.Trim();
            if (string.IsNullOrEmpty(reviewer) || reviewer.Length > 100)
            {
                return Problems.Validation(new Dictionary<string, string[]>
                {
                    ["reviewerId"] = ["必须填写审核人（不超过100个字符）。 / reviewerId is required (at most 100 characters)."],
                });
            }

            await using var session = sessions.OpenForRequest(http);
            var outcome = await ReviewAction.ApproveAsync(session, id, request!.ExpectedVersion, reviewer, clock.GetUtcNow(), cancellationToken);
            return outcome.ToResult(id);
        })
        .WithName("GiveFinalApproval");
        return group;
    }
}
