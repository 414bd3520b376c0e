using Marten;
using TitleReview.ServiceDefaults.Ledger;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
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
            var stream = request!.ExpectedVersion is { } expected
                ? await session.Events.FetchForWriting<ApplicationLifecycle>(id, expected, cancellationToken)
                : await session.Events.FetchForWriting<ApplicationLifecycle>(id, cancellationToken);
            if (stream.Aggregate is not { } application)
            {
                return Problems.NotFound($"没有编号为 {id} 的申报。", $"No application with id {id}.");
            }

            if (application.IsTerminal || application.FinalApproved)
            {
                return Problems.Conflict($"该申报当前状态为“{application.Status.Chinese()}”，不能终审通过。",
                    $"The application is '{application.Status.English()}' and cannot be given final approval.");
            }

            if (application.RevisionOpen)
            {
                return Problems.Conflict("该申报正在退回修改，须待申报人重新提交后才能终审通过。",
                    "A revision request is open; final approval waits for the resubmission.");
            }

            stream.AppendOne(new FinalApproved(id, reviewer, clock.GetUtcNow()));
            await session.SaveChangesAsync(cancellationToken);
            return Results.Ok(new { id, status = ApplicationStatus.FinalApproved.ToString(), version = application.Version + 1 });
        })
        .WithName("GiveFinalApproval");
        return group;
    }
}
