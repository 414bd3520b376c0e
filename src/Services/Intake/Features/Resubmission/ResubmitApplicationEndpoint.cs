using JasperFx;
using Marten;
using JasperFx.Events;
using TitleReview.Domain.WorkingDays;
using TitleReview.Contracts;
using TitleReview.Domain.Cycles;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Intake.Features.Attachments;
using TitleReview.Intake.Features.IntegrityRegister;
using TitleReview.Intake.Features.Status;
using TitleReview.Intake.Features.SubmitApplication;
using TitleReview.Intake.Features.SubmitApplication.Rules;
using TitleReview.EventStore;
using TitleReview.Web.Http;
using TitleReview.Domain.Lifecycle;
using Microsoft.Extensions.Options;
using TitleReview.EventStore.WorkingDays;

namespace TitleReview.Intake.Features.Resubmission;

/// <summary>
/// After a revision request the portal sends the corrected application (same schema as a submission):
/// <c>PUT /api/applications/{id}</c> with <c>If-Match</c> on the stream version from the status's ETag (stale: 412,
/// missing: 428), or the older <c>POST /api/applications/{id}/resubmission</c>. The rules run again (except the
/// submission window and the one-per-level slot, which the application already holds); Intake works out which
/// modules changed, so the reviewer sees them marked, and the file returns to the reviewer who asked for the revision.
/// The person (身份证 number), the level and the cycle cannot change (400 naming the field): that would be another
/// application, and swapping the number would step around one application per person, grade and year.
/// </summary>
public static class ResubmitApplicationEndpoint
{
    public static RouteGroupBuilder MapResubmitApplication(this RouteGroupBuilder applications)
    {
        applications.MapPut("/{id:guid}", (Guid id, SubmitApplicationRequest? request, HttpContext http, LedgerSessions sessions, AttachmentStore attachments, TimeProvider clock,
            IOptions<PortalOptions> portal, WorkingDayCalendars calendars, CancellationToken cancellationToken) =>
        {
            var ifMatch = http.Request.Headers.IfMatch.ToString();
            if (ifMatch.Length == 0)
            {
                return Task.FromResult(Results.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "缺少 If-Match / Precondition required",
                    detail: "请在 If-Match 中带上查询状态时得到的 ETag（流版本）。 / Send the ETag from GET /api/applications/{id} in If-Match."));
            }

            return StreamVersionTag.Parse(ifMatch) is { } expected
                ? ResubmitAsync(id, request?.Normalised(), expected, http, sessions, attachments, clock, portal.Value, calendars, cancellationToken)
                : Task.FromResult(Stale());
        })
        .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(SubmitApplicationRequest.MaxBodyBytes))
        .WithName("ResubmitApplication");

        applications.MapPost("/{id:guid}/resubmission", (Guid id, SubmitApplicationRequest? request, HttpContext http, LedgerSessions sessions, AttachmentStore attachments, TimeProvider clock,
            IOptions<PortalOptions> portal, WorkingDayCalendars calendars, CancellationToken cancellationToken) => ResubmitAsync(id, request?.Normalised(), null, http, sessions, attachments, clock, portal.Value, calendars, cancellationToken))
        .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(SubmitApplicationRequest.MaxBodyBytes))
        .WithName("ResubmitApplicationByPost");
        return applications;
    }

    private static IResult Stale() => Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "版本已变化 / Precondition failed",
        detail: "申报已被更新（If-Match 与当前版本不符），请重新查询状态后再提交。 / The application changed since that version; read its status and try again.");

    private static async Task<IResult> ResubmitAsync(Guid id, SubmitApplicationRequest? request, long? expectedVersion, HttpContext http, LedgerSessions sessions,
        AttachmentStore attachments, TimeProvider clock, PortalOptions portal, WorkingDayCalendars calendars, CancellationToken cancellationToken)
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
        if (file is null || !PortalOwnership.MayAccess(http, file))
        {
            return Problems.NotFound($"没有编号为 {id} 的申报。", $"No application with id {id}.");
        }

        // Checked once the caller is known to own the application (another client's gets the 404 above, never more).
        if (Unchangeable(request, file, portal, LedgerSessions.ActingFor(http).UserId) is { Count: > 0 } fixedFields)
        {
            return Problems.Validation(fixedFields);
        }

        IEventStream<ApplicationLifecycle> stream;
        try
        {
            stream = expectedVersion is { } version
                ? await session.Events.FetchForWriting<ApplicationLifecycle>(id, version, cancellationToken)
                : await session.Events.FetchForWriting<ApplicationLifecycle>(id, cancellationToken);
        }
        catch (ConcurrencyException)
        {
            return Stale();
        }

        if (stream.Aggregate is not { } application)
        {
            return Problems.NotFound($"没有编号为 {id} 的申报。", $"No application with id {id}.");
        }

        if (!application.RevisionOpen)
        {
            return Problems.Conflict($"该申报当前为“{application.Status.Chinese()}”，没有待修改的退回意见，不能重新提交。",
                $"The application is '{application.Status.English()}' with no open revision request; it cannot be resubmitted.");
        }

        var cycle = ReviewCycles.Get(file.CycleId);
        var today = clock.Today();
        var integrity = await session.LoadAsync<IntegrityRecord>(IntegrityRecord.KeyOf(request.IdNumber!), cancellationToken);
        // The imported years too, not only the shipped ones: a unit publicity in a newly loaded year can be counted.
        var calendar = await calendars.CurrentAsync(cancellationToken);
        var facts = await SubmissionFactsReader.ReadAsync(session, attachments, request, cycle, today, integrity, null, file.SubmittedBy, calendar, cancellationToken);
        var violations = SubmissionRules.Check(facts).Where(v => v.Rule is not ("window" or "one-application-per-level")).ToList();
        if (violations.Count > 0)
        {
            return SubmitApplicationEndpoint.RulesProblem(violations);
        }

        var name = request.ApplicantName!.Trim();
        var employer = request.Employer!.Trim();
        var series = request.Series!.Trim();
        var specialty = request.Specialty!.Trim();
        var changed = new List<string>();
        if (name != file.ApplicantName || employer != file.Employer)
        {
            changed.Add(ApplicationModules.Basic);
        }

        if (series != file.Series || specialty != file.Specialty)
        {
            changed.Add(ApplicationModules.Declaration);
        }

        changed.AddRange(DossierChanges.Between(file.Dossier, request.Dossier).Where(module => !changed.Contains(module)));
        var checklist = ReviewerChecklist.For(facts);
        var references = SubmissionFactsReader.References(facts);
        var resubmitted = new ApplicationResubmitted(id, changed, clock.GetUtcNow(),
            name != file.ApplicantName ? name : null, employer != file.Employer ? employer : null,
            series != file.Series ? series : null, specialty != file.Specialty ? specialty : null,
            SubmissionFactsReader.ForLedger(request.Dossier), checklist, references);
        stream.AppendOne(resubmitted);

        // The portal's status follows at once, as the ledger now reads: no service sends Intake its own event back.
        var newVersion = (stream.StartingVersion ?? 0) + 1;
        application.Evolve(resubmitted);
        application.Version = newVersion;
        file.CatchUpWith(application);
        file.ApplicantName = name;
        file.Employer = employer;
        file.Series = series;
        file.Specialty = specialty;
        file.SchemaVersion = request.SchemaVersion!.Value;
        file.Dossier = request.Dossier;
        file.Checklist = [.. checklist];
        file.Attachments = [.. references];
        session.Store(file);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (ConcurrencyException)
        {
            return expectedVersion is null
                ? Problems.Conflict("申报刚被其他操作更新，请刷新状态后重试。", "The application changed meanwhile; read its status and try again.")
                : Stale();
        }

        http.Response.Headers.ETag = StreamVersionTag.Of(newVersion);
        return Results.Ok(new { id, status = "Resubmitted", changedModules = changed.Select(ApplicationModules.Label) });
    }

    /// <summary>The fields a resubmission may not change, and schema v1 from a client not allowed it; empty when none.</summary>
    private static Dictionary<string, string[]> Unchangeable(SubmitApplicationRequest request, ApplicationFile file, PortalOptions portal, string client)
    {
        var errors = new Dictionary<string, string[]>();
        if (IntegrityRecord.KeyOf(request.IdNumber!) != IntegrityRecord.KeyOf(file.IdNumber))
        {
            errors["idNumber"] = ["重新提交不能更改身份证号码；不同的申报人须另行申报。 / A resubmission cannot change the 身份证 number; another person applies on their own."];
        }

        if (request.ParsedLevel != file.Level)
        {
            errors["level"] = ["重新提交不能更改申报级别；如需更改，请撤回后重新申报。 / A resubmission cannot change the level; withdraw and apply again instead."];
        }

        if (request.CycleId != file.CycleId)
        {
            errors["cycleId"] = ["重新提交不能更改评审批次；如需更改，请撤回后重新申报。 / A resubmission cannot change the cycle; withdraw and apply again instead."];
        }

        if (portal.SchemaVersionError(request, client) is { } schemaError)
        {
            errors["schemaVersion"] = schemaError;
        }

        return errors;
    }
}
