using JasperFx;
using Marten;
using JasperFx.Events;
using TitleReview.Domain.WorkingDays;
using TitleReview.Contracts;
using TitleReview.Domain.Cycles;
using TitleReview.Contracts.Events;
using TitleReview.Domain;
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
        applications.MapPut("/{id:guid}", ResubmitWithIfMatchAsync)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(SubmitApplicationRequest.MaxBodyBytes))
            .WithName("ResubmitApplication");
        applications.MapPost("/{id:guid}/resubmission", ResubmitByPostAsync)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(SubmitApplicationRequest.MaxBodyBytes))
            .WithName("ResubmitApplicationByPost");
        return applications;
    }

    /// <summary>The services a resubmission reads.</summary>
    private sealed record Resubmitting(HttpContext Http, LedgerSessions Sessions, AttachmentStore Attachments, TimeProvider Clock,
        PortalOptions Portal, WorkingDayCalendars Calendars, ReviewCycleCatalogue Cycles);

    public static Task<IResult> ResubmitWithIfMatchAsync(Guid id, SubmitApplicationRequest? request, HttpContext http, LedgerSessions sessions,
        AttachmentStore attachments, TimeProvider clock, IOptions<PortalOptions> portal, WorkingDayCalendars calendars,
        ReviewCycleCatalogue cycles, CancellationToken cancellationToken)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length == 0)
        {
            return Task.FromResult(Results.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: new Bilingual("缺少 If-Match", "Precondition required").ToString(),
                detail: new Bilingual("请在 If-Match 中带上查询状态时得到的 ETag（流版本）。", "Send the ETag from GET /api/applications/{id} in If-Match.").ToString()));
        }

        return StreamVersionTag.Parse(ifMatch) is { } expected
            ? ResubmitAsync(id, request?.Normalised(), expected, new(http, sessions, attachments, clock, portal.Value, calendars, cycles), cancellationToken)
            : Task.FromResult(Stale());
    }

    public static Task<IResult> ResubmitByPostAsync(Guid id, SubmitApplicationRequest? request, HttpContext http, LedgerSessions sessions,
        AttachmentStore attachments, TimeProvider clock, IOptions<PortalOptions> portal, WorkingDayCalendars calendars,
        ReviewCycleCatalogue cycles, CancellationToken cancellationToken) =>
        ResubmitAsync(id, request?.Normalised(), null, new(http, sessions, attachments, clock, portal.Value, calendars, cycles), cancellationToken);

    private static IResult Stale() => Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: new Bilingual("版本已变化", "Precondition failed").ToString(),
        detail: new Bilingual("申报已被更新（If-Match 与当前版本不符），请重新查询状态后再提交。", "The application changed since that version; read its status and try again.").ToString());

    private static IResult NotFound(Guid id) => Problems.NotFound(new($"没有编号为 {id} 的申报。", $"No application with id {id}."));

    private static async Task<IResult> ResubmitAsync(Guid id, SubmitApplicationRequest? request, long? expectedVersion, Resubmitting r,
        CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Problems.Validation(new Dictionary<string, Bilingual[]> { ["body"] = [new("请求体不能为空。", "The request body is required.")] });
        }

        var errors = request.Validate(r.Cycles);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        await using var session = r.Sessions.OpenForRequest(r.Http);
        var file = await session.LoadAsync<ApplicationFile>(id, cancellationToken);
        if (file is null || !PortalOwnership.MayAccess(r.Http, file))
        {
            return NotFound(id);
        }

        // Checked once the caller is known to own the application (another client's gets the 404 above, never more).
        if (Unchangeable(request, file, r.Portal, LedgerSessions.ActingFor(r.Http).UserId) is { Count: > 0 } fixedFields)
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
            return NotFound(id);
        }

        // Checked on the folded events too: the stream's version and its events are read by separate statements, so a
        // request that lost the race could pass the fetch's version check yet fold the winner's event, and was refused
        // as "no open revision" (409, seen once in CI) instead of being told its If-Match is stale (412).
        if (expectedVersion is { } expected && (stream.StartingVersion != expected || application.Version != expected))
        {
            return Stale();
        }

        var facts = await FactsAsync(session, request, file, r, cancellationToken);
        if (!ResubmitApplication.Decide(application, file, facts, r.Clock.GetUtcNow()).Accepted(out var resubmitted, out var refusal))
        {
            return refusal.ToProblem();
        }

        var newVersion = Record(session, stream, application, file, request, resubmitted);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (ConcurrencyException)
        {
            return expectedVersion is null
                ? Problems.Conflict(new("申报刚被其他操作更新，请刷新状态后重试。", "The application changed meanwhile; read its status and try again."))
                : Stale();
        }

        r.Http.Response.Headers.ETag = StreamVersionTag.Of(newVersion);
        return Results.Ok(new { id, status = "Resubmitted", changedModules = resubmitted.ChangedModules.Select(ApplicationModules.Label) });
    }

    private static async Task<SubmissionFacts> FactsAsync(IDocumentSession session, SubmitApplicationRequest request, ApplicationFile file,
        Resubmitting r, CancellationToken cancellationToken)
    {
        var integrity = await session.LoadAsync<IntegrityRecord>(IntegrityRecord.KeyOf(request.IdNumber!), cancellationToken);
        // The imported years too, not only the shipped ones: a unit publicity in a newly loaded year can be counted.
        var calendar = await r.Calendars.CurrentAsync(cancellationToken);
        return await SubmissionFactsReader.ReadAsync(session, r.Attachments, request, r.Cycles.Get(file.CycleId), r.Clock.Today(),
            integrity, null, file.SubmittedBy, calendar, cancellationToken);
    }

    /// <summary>Appends the event and brings the portal's file up to it; the stream's version after the append.</summary>
    private static long Record(IDocumentSession session, IEventStream<ApplicationLifecycle> stream, ApplicationLifecycle application,
        ApplicationFile file, SubmitApplicationRequest request, ApplicationResubmitted resubmitted)
    {
        stream.AppendOne(resubmitted);

        // The portal's status follows at once, as the ledger now reads: no service sends Intake its own event back.
        var newVersion = (stream.StartingVersion ?? 0) + 1;
        application.Evolve(resubmitted);
        application.Version = newVersion;
        file.CatchUpWith(application);
        file.ApplicantName = request.ApplicantName!.Trim();
        file.Employer = request.Employer!.Trim();
        file.Series = request.Series!.Trim();
        file.Specialty = request.Specialty!.Trim();
        file.SchemaVersion = request.SchemaVersion!.Value;
        file.Dossier = request.Dossier;
        file.Checklist = [.. resubmitted.Checklist ?? []];
        file.Attachments = [.. resubmitted.Attachments ?? []];
        session.Store(file);
        return newVersion;
    }

    /// <summary>The fields a resubmission may not change, and schema v1 from a client not allowed it; empty when none.</summary>
    private static Dictionary<string, Bilingual[]> Unchangeable(SubmitApplicationRequest request, ApplicationFile file, PortalOptions portal, string client)
    {
        var errors = new Dictionary<string, Bilingual[]>();
        if (IntegrityRecord.KeyOf(request.IdNumber!) != IntegrityRecord.KeyOf(file.IdNumber))
        {
            errors["idNumber"] = [new("重新提交不能更改身份证号码；不同的申报人须另行申报。", "A resubmission cannot change the 身份证 number; another person applies on their own.")];
        }

        if (request.ParsedLevel != file.Level)
        {
            errors["level"] = [new("重新提交不能更改申报级别；如需更改，请撤回后重新申报。", "A resubmission cannot change the level; withdraw and apply again instead.")];
        }

        if (request.CycleId != file.CycleId)
        {
            errors["cycleId"] = [new("重新提交不能更改评审批次；如需更改，请撤回后重新申报。", "A resubmission cannot change the cycle; withdraw and apply again instead.")];
        }

        if (portal.SchemaVersionError(request, client) is { } schemaError)
        {
            errors["schemaVersion"] = schemaError;
        }

        return errors;
    }
}
