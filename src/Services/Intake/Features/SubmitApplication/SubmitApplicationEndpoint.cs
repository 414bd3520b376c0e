using JasperFx;
using Marten;
using TitleReview.Domain.Cycles;
using TitleReview.Contracts.Events;
using TitleReview.Domain.WorkingDays;
using TitleReview.Intake.Features.Attachments;
using TitleReview.Intake.Features.IntegrityRegister;
using TitleReview.Intake.Features.Status;
using TitleReview.Intake.Features.SubmitApplication.Rules;
using TitleReview.Contracts.Ledger;
using TitleReview.EventStore;
using TitleReview.Web.Http;
using Microsoft.Extensions.Options;
using TitleReview.EventStore.WorkingDays;

namespace TitleReview.Intake.Features.SubmitApplication;

public sealed record SubmittedResponse(Guid Id, string Status);

public static class SubmitApplicationEndpoint
{
    public static RouteGroupBuilder MapSubmitApplication(this RouteGroupBuilder group)
    {
        group.MapPost("", (SubmitApplicationRequest? request, HttpContext http, LedgerSessions sessions, AttachmentStore attachments, TimeProvider clock,
            IOptions<PortalOptions> portal, WorkingDayCalendars calendars, CancellationToken cancellationToken) =>
            SubmitAsync(request?.Normalised(), http, sessions, attachments, clock, portal.Value, calendars, retried: false, cancellationToken))
        .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(SubmitApplicationRequest.MaxBodyBytes))
        .WithName("SubmitApplication");
        return group;
    }

    private static async Task<IResult> SubmitAsync(SubmitApplicationRequest? request, HttpContext http, LedgerSessions sessions, AttachmentStore attachments, TimeProvider clock,
        PortalOptions portal, WorkingDayCalendars calendars, bool retried, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["body"] = ["请求体不能为空。 / The request body is required."] });
        }

        var errors = request.Validate();
        if (portal.SchemaVersionError(request, LedgerSessions.ActingFor(http).UserId) is { } schemaError)
        {
            errors["schemaVersion"] = schemaError;
        }

        var idempotencyKey = http.Request.Headers[SubmissionKey.Header].ToString();
        if (idempotencyKey.Length > SubmissionKey.MaxLength)
        {
            errors[SubmissionKey.Header] = [$"Idempotency-Key 不能超过 {SubmissionKey.MaxLength} 个字符。 / Idempotency-Key is at most {SubmissionKey.MaxLength} characters."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var keyId = idempotencyKey.Length > 0 ? SubmissionKey.IdOf(LedgerSessions.ActingFor(http).UserId, idempotencyKey) : null;
        var bodyHash = SubmissionKey.HashOf(request);
        if (keyId is not null && await AnswerRepeatAsync(sessions, keyId, bodyHash, cancellationToken) is { } repeat)
        {
            return repeat;
        }

        var cycle = ReviewCycles.Get(request.CycleId!);
        var now = clock.GetUtcNow();
        var today = clock.Today();
        await using var session = sessions.OpenForRequest(http);
        var integrity = await session.LoadAsync<IntegrityRecord>(IntegrityRecord.KeyOf(request.IdNumber!), cancellationToken);
        var slotId = LevelSlot.IdOf(cycle.Year, request.IdNumber!, request.ParsedLevel);
        var slot = await session.LoadAsync<LevelSlot>(slotId, cancellationToken);
        var holder = await HolderAsync(session, slot, cycle, cancellationToken);
        // The imported years too, not only the shipped ones: a unit publicity in a newly loaded year can be counted.
        var calendar = await calendars.CurrentAsync(cancellationToken);
        var facts = await SubmissionFactsReader.ReadAsync(session, attachments, request, cycle, today, integrity, holder?.Id, LedgerSessions.ActingFor(http).UserId, calendar, cancellationToken)
            with { SameLevelSubmitter = holder?.SubmittedBy };
        var violations = SubmissionRules.Check(facts);
        if (violations.Count > 0)
        {
            // A repeat that lost the race may see its own first attempt's slot: it is a repeat, not a second application.
            return keyId is not null && await AnswerRepeatAsync(sessions, keyId, bodyHash, cancellationToken) is { } repeated ? repeated : RulesProblem(violations);
        }

        var id = Guid.CreateVersion7(now);
        var checklist = ReviewerChecklist.For(facts);
        var references = SubmissionFactsReader.References(facts);
        var submitted = new ApplicationSubmitted(id, request.ApplicantName!.Trim(), request.Employer!.Trim(), request.Series!.Trim(),
            request.Specialty!.Trim(), request.ParsedLevel, cycle.Id, now, request.SchemaVersion!.Value, SubmissionFactsReader.ForLedger(request.Dossier), checklist, references);

        session.Events.StartStream(id, submitted);
        if (keyId is not null)
        {
            session.Insert(new SubmissionKey { Id = keyId, BodySha256 = bodyHash, ApplicationId = id });
        }

        if (facts.EmployerChoice is null)
        {
            // Insert: of two first applications racing to different committees, the second commit fails here.
            session.Insert(new EmployerCommittee { Id = EmployerCommittee.IdOf(cycle, request), CommitteeId = cycle.CommitteeId, CommitteeName = cycle.CommitteeName, FirstApplicationId = id });
        }

        var taken = new LevelSlot { Id = slotId, ApplicationId = id };
        if (slot is null)
        {
            // Insert, not upsert: of two submissions racing for the same level, the second commit fails here.
            session.Insert(taken);
        }
        else
        {
            session.Store(taken);
        }

        session.Store(new ApplicationFile
        {
            Id = id,
            ApplicantName = submitted.ApplicantName,
            IdNumber = request.IdNumber!,
            SubmittedBy = LedgerSessions.ActingFor(http).UserId,
            Employer = submitted.Employer,
            Series = submitted.Series,
            Specialty = submitted.Specialty,
            Level = submitted.Level,
            CycleId = cycle.Id,
            SubmittedAt = now,
            LedgerVersion = 1,
            SchemaVersion = request.SchemaVersion!.Value,
            Dossier = request.Dossier,
            Checklist = [.. checklist],
            Attachments = [.. references],
        });
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception collision) when (AlreadyExists(collision))
        {
            // Another request committed first and nothing of ours was written: the same Idempotency-Key (answer as
            // for a repeat), the same person and level (三(六) refuses this one), or the same employer, series and
            // level to another committee (三(六) again).
            if (keyId is not null && await AnswerRepeatAsync(sessions, keyId, bodyHash, cancellationToken) is { } raced)
            {
                return raced;
            }

            await using var query = sessions.Query();
            var winner = await HolderAsync(query, await query.LoadAsync<LevelSlot>(slotId, cancellationToken), cycle, cancellationToken);
            var employer = await query.LoadAsync<EmployerCommittee>(EmployerCommittee.IdOf(cycle, request), cancellationToken);
            var recheck = SubmissionRules.Check(facts with { ActiveSameLevel = winner?.Id, SameLevelSubmitter = winner?.SubmittedBy, EmployerChoice = employer });
            if (recheck.Count > 0)
            {
                return RulesProblem(recheck);
            }

            // The race was lost to another employer's-first application to the same committee: nothing is wrong
            // with this one, so it goes once more, now finding the committee recorded.
            return retried
                ? Problems.Conflict("同时有另一份申报正在提交，请稍后重试。", "Another application was being submitted at the same moment; try again.")
                : await SubmitAsync(request, http, sessions, attachments, clock, portal, calendars, retried: true, cancellationToken);
        }

        return Results.Created($"/api/applications/{id}", new SubmittedResponse(id, "Submitted"));
    }

    /// <summary>The application holding the person's slot of the year and grade when it still keeps them from this cycle (<see cref="LevelSlot.Holds"/>).</summary>
    private static async Task<ApplicationFile?> HolderAsync(IQuerySession session, LevelSlot? slot, ReviewCycle cycle, CancellationToken cancellationToken) =>
        slot is not null && await session.LoadAsync<ApplicationFile>(slot.ApplicationId, cancellationToken) is { } holder && LevelSlot.Holds(holder, cycle) ? holder : null;

    /// <summary>Marten reports one duplicate insert as itself, several in one batch as an AggregateException of them.</summary>
    private static bool AlreadyExists(Exception exception) =>
        exception is DocumentAlreadyExistsException
        || exception is AggregateException aggregate && aggregate.InnerExceptions.All(inner => inner is DocumentAlreadyExistsException);

    /// <summary>HTTP 422 listing every broken hard rule; the first one's code, clause and field also at the top for simple clients.</summary>
    public static IResult RulesProblem(IReadOnlyList<Violation> violations) =>
        Problems.Unprocessable(string.Join(" ", violations.Select(v => v.Zh)), string.Join(" ", violations.Select(v => v.En)),
            new Dictionary<string, object?>
            {
                ["rule"] = violations[0].Rule,
                ["clause"] = violations[0].Clause,
                ["field"] = violations[0].Field,
                ["violations"] = violations,
            });

    private static async Task<IResult?> AnswerRepeatAsync(LedgerSessions sessions, string keyId, string bodyHash, CancellationToken cancellationToken)
    {
        await using var query = sessions.Query();
        return await query.LoadAsync<SubmissionKey>(keyId, cancellationToken) switch
        {
            null => null,
            { } known when known.BodySha256 == bodyHash => Results.Created($"/api/applications/{known.ApplicationId}", new SubmittedResponse(known.ApplicationId, "Submitted")),
            _ => Problems.Conflict("该 Idempotency-Key 已用于另一份申报内容，请换用新的键。", "This Idempotency-Key was used with a different application body; use a new key."),
        };
    }
}
