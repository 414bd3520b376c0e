using JasperFx;
using Marten;
using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Intake.Features.IntegrityRegister;
using TitleReview.Intake.Features.Status;
using TitleReview.Intake.Features.SubmitApplication;
using TitleReview.ServiceDefaults.EventStore;
using TitleReview.ServiceDefaults.Http;
using TitleReview.ServiceDefaults.Ledger;

namespace TitleReview.Intake.Features.Resubmission;

/// <summary>
/// POST /api/applications/{id}/resubmission: after a revision request the portal sends the corrected application
/// (same schema as a submission). Intake works out which modules changed, so the reviewer sees them marked, and the
/// file returns to the reviewer who asked for the revision. The level cannot change: that would be a new application.
/// </summary>
public static class ResubmitApplicationEndpoint
{
    public static RouteGroupBuilder MapResubmitApplication(this RouteGroupBuilder applications)
    {
        applications.MapPost("/{id:guid}/resubmission", async (Guid id, SubmitApplicationRequest? request, HttpContext http, LedgerSessions sessions, TimeProvider clock,
            CancellationToken cancellationToken) =>
        {
            if (request is null)
            {
                return Problems.Validation(new Dictionary<string, string[]> { ["body"] = ["请求体不能为空。 / The request body is required."] });
            }

            var errors = request.Validate();
            if (errors.Count > 0)
            {
                return Problems.Validation(errors);
            }

            await using var session = sessions.OpenForRequest(http);
            var file = await session.LoadAsync<ApplicationFile>(id, cancellationToken);
            var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(id, cancellationToken);
            if (file is null || !PortalOwnership.MayAccess(http, file) || stream.Aggregate is not { } application)
            {
                return Problems.NotFound($"没有编号为 {id} 的申报。", $"No application with id {id}.");
            }

            if (!application.RevisionOpen)
            {
                return Problems.Conflict($"该申报当前为“{application.Status.Chinese()}”，没有待修改的退回意见，不能重新提交。",
                    $"The application is '{application.Status.English()}' with no open revision request; it cannot be resubmitted.");
            }

            if (request.ParsedLevel != file.Level || request.CycleId != file.CycleId)
            {
                return Problems.Unprocessable("重新提交不能更改申报级别或评审批次；如需更改，请撤回后重新申报。",
                    "A resubmission cannot change the level or the cycle; withdraw and apply again instead.",
                    new Dictionary<string, object?> { ["rule"] = "resubmission-same-level", ["clause"] = "二(一)", ["field"] = "level" });
            }

            var name = request.ApplicantName!.Trim();
            var employer = request.Employer!.Trim();
            var series = request.Series!.Trim();
            var specialty = request.Specialty!.Trim();
            var idNumber = IntegrityRecord.KeyOf(request.IdNumber!);
            var changed = new List<string>();
            if (name != file.ApplicantName || employer != file.Employer || idNumber != IntegrityRecord.KeyOf(file.IdNumber))
            {
                changed.Add(ApplicationModules.Basic);
            }

            if (series != file.Series || specialty != file.Specialty)
            {
                changed.Add(ApplicationModules.Declaration);
            }

            var now = clock.GetUtcNow();
            stream.AppendOne(new ApplicationResubmitted(id, changed, now,
                name != file.ApplicantName ? name : null, employer != file.Employer ? employer : null,
                series != file.Series ? series : null, specialty != file.Specialty ? specialty : null));
            file.ApplicantName = name;
            file.IdNumber = request.IdNumber!.Trim();
            file.Employer = employer;
            file.Series = series;
            file.Specialty = specialty;
            session.Store(file);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (ConcurrencyException)
            {
                return Problems.Conflict("申报刚被其他操作更新，请刷新状态后重试。", "The application changed meanwhile; read its status and try again.");
            }

            return Results.Ok(new { id, status = "Resubmitted", changedModules = changed });
        });
        return applications;
    }
}
