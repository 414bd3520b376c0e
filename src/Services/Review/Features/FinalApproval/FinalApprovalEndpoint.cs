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
        group.MapPost("/applications/{id:guid}/final-approval", GiveFinalApproval)
        .WithName("GiveFinalApproval");
        return group;
    }

    private static async Task<IResult> GiveFinalApproval(
            Guid id, FinalApprovalRequest? request, HttpContext http, LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = LedgerSessions.ActingFor(http).UserId;
        if (request?.ReviewerId is { } named && !string.Equals(named.Trim(), caller, StringComparison.Ordinal))
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["reviewerId"] = [$"审核人即当前登录用户（{caller}），不能以他人名义终审；请省略 reviewerId。 / The acting reviewer is the authenticated caller ({caller}); omit reviewerId."],
            });
        }

        await using var session = sessions.OpenForRequest(http);
        var outcome = await ReviewAction.ApproveAsync(session, id, request?.ExpectedVersion, caller, clock.GetUtcNow(), cancellationToken);
        return outcome.ToResult(id);
    }
}
