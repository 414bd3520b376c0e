using Microsoft.AspNetCore.Http.HttpResults;
using TitleReview.Review.Features.ReviewActions;
using TitleReview.EventStore;
using TitleReview.Web.Http;

namespace TitleReview.Review.Features.FinalApproval;

/// <summary>
/// <paramref name="ExpectedVersion"/> is the stream version the reviewer was looking at: when someone else changed
/// the application since, the approval is refused with 409 instead of silently overwriting their work.
/// <paramref name="ReviewerId"/> is not who acts: the acting reviewer is always the authenticated caller. It is still
/// read so that a client naming someone else is told so (400) instead of believing it approved in their name.
/// </summary>
public sealed record FinalApprovalRequest(string? ReviewerId, long? ExpectedVersion);

public static class FinalApprovalEndpoint
{
    public static RouteGroupBuilder MapFinalApproval(this RouteGroupBuilder group)
    {
        group.MapPost("/applications/{id:guid}/final-approval", ApproveAsync).WithName("GiveFinalApproval");
        return group;
    }

    public static async Task<Results<Ok<ReviewDone>, ProblemHttpResult>> ApproveAsync(Guid id,
        FinalApprovalRequest? request, HttpContext http,
        LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = LedgerSessions.ActingFor(http).UserId;
        if (ReviewDecider.CheckNamedReviewer(request?.ReviewerId, caller) is { } impersonating)
        {
            return impersonating.ToProblem();
        }

        return await ReviewActionEndpoints.ActAsync(id, request?.ExpectedVersion, new ReviewCommand.Approve(caller),
            http, sessions, clock, cancellationToken);
    }
}
