using JasperFx;
using Marten;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Intake.Features.Status;
using TitleReview.EventStore;
using TitleReview.Web.Http;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Intake.Features.Withdrawal;

public sealed record WithdrawalRequest(string? Reason);

/// <summary>
/// POST /api/applications/{id}/withdrawal: the applicant withdraws (撤回) before the committee has decided. Nothing can
/// follow a withdrawal; publicity, payment and the review queue all read it from the ledger.
/// </summary>
public static class WithdrawApplicationEndpoint
{
    public static RouteGroupBuilder MapWithdrawApplication(this RouteGroupBuilder applications)
    {
        applications.MapPost("/{id:guid}/withdrawal", WithdrawApplication);
        return applications;
    }

    private static async Task<IResult> WithdrawApplication(Guid id, WithdrawalRequest? request, HttpContext http, LedgerSessions sessions, TimeProvider clock,
            CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.Reason) || request.Reason.Length > 500)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["reason"] = ["请填写撤回原因（500 字以内）。 / reason is required (at most 500 characters)."] });
        }

        await using var session = sessions.OpenForRequest(http);
        var file = await session.LoadAsync<ApplicationFile>(id, cancellationToken);
        var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(id, cancellationToken);
        if (file is null || !PortalOwnership.MayAccess(http, file) || stream.Aggregate is not { } application)
        {
            return Problems.NotFound($"没有编号为 {id} 的申报。", $"No application with id {id}.");
        }

        if (application.IsTerminal || application.CommitteePassed is not null)
        {
            return Problems.Conflict($"该申报当前为“{application.Status.Chinese()}”，不能撤回。", $"The application is '{application.Status.English()}'; it cannot be withdrawn.");
        }

        stream.AppendOne(new ApplicationWithdrawn(id, request.Reason.Trim(), clock.GetUtcNow()));
        file.Status = ApplicationStatus.Withdrawn;
        // The person's slot of the year stays with this application: withdrawn, it lets them apply again to this committee only (LevelSlot).
        session.Store(file);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (ConcurrencyException)
        {
            return Problems.Conflict("申报刚被其他操作更新，请刷新状态后重试。", "The application changed meanwhile; read its status and try again.");
        }

        return Results.Ok(new { id, status = ApplicationStatus.Withdrawn.ToString() });
    }
}
