using JasperFx;
using Marten;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain;
using TitleReview.Domain.Lifecycle;
using TitleReview.EventStore;
using TitleReview.Intake.Features.Status;
using TitleReview.Web.Http;

namespace TitleReview.Intake.Features.Withdrawal;

public sealed record WithdrawalRequest(string? Reason);

/// <summary>
/// The pure decision of a withdrawal (撤回): allowed until the committee has decided and while the application has not
/// ended. Nothing can follow a withdrawal; publicity, payment and the review queue all read it from the ledger.
/// </summary>
public static class WithdrawApplication
{
    public const int MaxReason = 500;

    public static Decision<ApplicationWithdrawn> Decide(ApplicationLifecycle application, Guid id, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(reason);
        if (application.IsTerminal || application.CommitteePassed is not null)
        {
            return Refusal.Conflict("withdrawal-too-late", new Bilingual(
                $"该申报当前为“{application.Status.Chinese()}”，不能撤回。", $"The application is '{application.Status.English()}'; it cannot be withdrawn."));
        }

        return new ApplicationWithdrawn(id, reason.Trim(), now);
    }
}

/// <summary>POST /api/applications/{id}/withdrawal: the applicant withdraws before the committee has decided.</summary>
public static class WithdrawApplicationEndpoint
{
    public static RouteGroupBuilder MapWithdrawApplication(this RouteGroupBuilder applications)
    {
        applications.MapPost("/{id:guid}/withdrawal", WithdrawAsync).WithName("WithdrawApplication");
        return applications;
    }

    public static async Task<IResult> WithdrawAsync(Guid id, WithdrawalRequest? request, HttpContext http, LedgerSessions sessions,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.Reason) || request.Reason.Length > WithdrawApplication.MaxReason)
        {
            return Problems.Validation(new Dictionary<string, Bilingual[]> { ["reason"] = [new("请填写撤回原因（500 字以内）。", "reason is required (at most 500 characters).")] });
        }

        await using var session = sessions.OpenForRequest(http);
        var file = await session.LoadAsync<ApplicationFile>(id, cancellationToken);
        var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(id, cancellationToken);
        if (file is null || !PortalOwnership.MayAccess(http, file) || stream.Aggregate is not { } application)
        {
            return Problems.NotFound(new($"没有编号为 {id} 的申报。", $"No application with id {id}."));
        }

        if (!WithdrawApplication.Decide(application, id, request.Reason, clock.GetUtcNow()).Accepted(out var withdrawn, out var refusal))
        {
            return refusal.ToProblem();
        }

        stream.AppendOne(withdrawn);
        file.Status = ApplicationStatus.Withdrawn;
        // The person's slot of the year stays with this application: withdrawn, it lets them apply again to this committee only (LevelSlot).
        session.Store(file);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (ConcurrencyException)
        {
            return Problems.Conflict(new("申报刚被其他操作更新，请刷新状态后重试。", "The application changed meanwhile; read its status and try again."));
        }

        return Results.Ok(new { id, status = ApplicationStatus.Withdrawn.ToString() });
    }
}
