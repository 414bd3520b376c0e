using JasperFx;
using Marten;
using Microsoft.Extensions.Options;
using TitleReview.Contracts.Events;
using TitleReview.Domain.Cycles;
using TitleReview.Domain.WorkingDays;
using TitleReview.Domain;
using TitleReview.EventStore;
using TitleReview.EventStore.WorkingDays;
using TitleReview.Intake.Features.Attachments;
using TitleReview.Intake.Features.IntegrityRegister;
using TitleReview.Intake.Features.Status;
using TitleReview.Intake.Features.SubmitApplication.Rules;
using TitleReview.Web.Http;

namespace TitleReview.Intake.Features.SubmitApplication;

public sealed record SubmittedResponse(Guid Id, string Status);

/// <summary>
/// POST /api/applications: validate the request, answer a repeated Idempotency-Key as before, load what the rules
/// need, <see cref="Submission.Decide"/>, then write the stream, the person's level slot, the employer's committee
/// and the portal's file in one commit.
/// </summary>
public static class SubmitApplicationEndpoint
{
    /// <summary>
    /// A lost race to another employer's first application to the same committee is harmless: one more attempt finds
    /// the committee recorded. Two lost races in a row are answered 409 rather than retried without end.
    /// </summary>
    private const int MaxAttempts = 2;

    public static RouteGroupBuilder MapSubmitApplication(this RouteGroupBuilder group)
    {
        group.MapPost("", SubmitAsync)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(SubmitApplicationRequest.MaxBodyBytes))
            .WithName("SubmitApplication");
        return group;
    }

    /// <summary>The services and options a submission reads, gathered once for every attempt.</summary>
    private sealed record Submitting(
        SubmitApplicationRequest Request, HttpContext Http, LedgerSessions Sessions, AttachmentStore Attachments,
        TimeProvider Clock, WorkingDayCalendars Calendars, ReviewCycle Cycle, ReviewCycleCatalogue Cycles,
        string? KeyId, string BodyHash);

    public static async Task<IResult> SubmitAsync(SubmitApplicationRequest? request, HttpContext http, LedgerSessions sessions,
        AttachmentStore attachments, TimeProvider clock, IOptions<PortalOptions> portal, WorkingDayCalendars calendars,
        ReviewCycleCatalogue cycles, CancellationToken cancellationToken)
    {
        request = request?.Normalised();
        var client = LedgerSessions.ActingFor(http).UserId;
        var idempotencyKey = http.Request.Headers[SubmissionKey.Header].ToString();
        if (Invalid(request, idempotencyKey, portal.Value, client, cycles) is { } invalid)
        {
            return invalid;
        }

        var keyId = idempotencyKey.Length > 0 ? SubmissionKey.IdOf(client, idempotencyKey) : null;
        var submitting = new Submitting(request!, http, sessions, attachments, clock, calendars, cycles.Get(request!.CycleId!),
            cycles, keyId, SubmissionKey.HashOf(request));
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (await AttemptAsync(submitting, cancellationToken) is { } answer)
            {
                return answer;
            }
        }

        return Problems.Conflict(new("同时有另一份申报正在提交，请稍后重试。", "Another application was being submitted at the same moment; try again."));
    }

    /// <summary>The 400 for a missing body, invalid fields, a schema version the client may not use or a long key.</summary>
    private static IResult? Invalid(SubmitApplicationRequest? request, string idempotencyKey, PortalOptions portal, string client,
        ReviewCycleCatalogue cycles)
    {
        if (request is null)
        {
            return Problems.Validation(new Dictionary<string, Bilingual[]> { ["body"] = [new("请求体不能为空。", "The request body is required.")] });
        }

        var errors = request.Validate(cycles);
        if (portal.SchemaVersionError(request, client) is { } schemaError)
        {
            errors["schemaVersion"] = schemaError;
        }

        if (idempotencyKey.Length > SubmissionKey.MaxLength)
        {
            errors[SubmissionKey.Header] = [new($"Idempotency-Key 不能超过 {SubmissionKey.MaxLength} 个字符。", $"Idempotency-Key is at most {SubmissionKey.MaxLength} characters.")];
        }

        return errors.Count > 0 ? Problems.Validation(errors) : null;
    }

    /// <summary>One load, decide and commit; null when the commit lost a race that a new attempt can win.</summary>
    private static async Task<IResult?> AttemptAsync(Submitting s, CancellationToken cancellationToken)
    {
        var request = s.Request;
        var now = s.Clock.GetUtcNow();
        await using var session = s.Sessions.OpenForRequest(s.Http);
        var slotId = LevelSlot.IdOf(s.Cycle.Year, request.IdNumber!, request.ParsedLevel);
        // Every document the decision reads, the Idempotency-Key's record among them, in one round trip (the attachment
        // table's read runs beside it): each further one costs a pooled connection's reset and a wait, which a deadline
        // rush multiplies.
        var batch = session.CreateBatchQuery();
        var knownLoad = s.KeyId is null ? null : batch.Load<SubmissionKey>(s.KeyId);
        var integrityLoad = batch.Load<IntegrityRecord>(IntegrityRecord.KeyOf(request.IdNumber!));
        var slotLoad = batch.Load<LevelSlot>(slotId);
        var pending = SubmissionFactsReader.Queue(batch, s.Attachments, request, s.Cycle, cancellationToken);
        await batch.Execute(cancellationToken);
        if (knownLoad is not null && Repeated(await knownLoad, s) is { } repeat)
        {
            return repeat;
        }

        var (integrity, slot) = (await integrityLoad, await slotLoad);
        var holder = await HolderAsync(session, slot, s, cancellationToken);
        // The imported years too, not only the shipped ones: a unit publicity in a newly loaded year can be counted.
        var calendar = await s.Calendars.CurrentAsync(cancellationToken);
        var facts = await pending.FactsAsync(s.Clock.Today(), integrity, holder?.Id, LedgerSessions.ActingFor(s.Http).UserId, calendar)
            with { SameLevelSubmitter = holder?.SubmittedBy };
        if (!Submission.Decide(facts, Guid.CreateVersion7(now), now).Accepted(out var submitted, out var refusal))
        {
            // A repeat that lost the race may see its own first attempt's slot: it is a repeat, not a second application.
            return await AnswerRepeatAsync(s, cancellationToken) ?? refusal.ToProblem();
        }

        Record(session, s, submitted, slot, slotId, facts.EmployerChoice is null);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception collision) when (AlreadyExists(collision))
        {
            return await AfterCollisionAsync(s, facts, slotId, submitted, cancellationToken);
        }

        return Results.Created($"/api/applications/{submitted.ApplicationId}", new SubmittedResponse(submitted.ApplicationId, "Submitted"));
    }

    private static void Record(IDocumentSession session, Submitting s, ApplicationSubmitted submitted, LevelSlot? slot, string slotId,
        bool firstForEmployer)
    {
        var (id, request, cycle) = (submitted.ApplicationId, s.Request, s.Cycle);
        session.Events.StartStream(id, submitted);
        if (s.KeyId is not null)
        {
            session.Insert(new SubmissionKey { Id = s.KeyId, BodySha256 = s.BodyHash, ApplicationId = id });
        }

        if (firstForEmployer)
        {
            // Insert: of two first applications racing to different committees, the second commit fails here.
            session.Insert(new EmployerCommittee
            {
                Id = EmployerCommittee.IdOf(cycle, request), CommitteeId = cycle.CommitteeId, CommitteeName = cycle.CommitteeName,
                FirstApplicationId = id,
            });
        }

        // Insert, not upsert: of two submissions racing for the same level, the second commit fails here.
        var taken = new LevelSlot { Id = slotId, ApplicationId = id };
        if (slot is null)
        {
            session.Insert(taken);
        }
        else
        {
            session.Store(taken);
        }

        session.Store(ApplicationFile.Submitted(submitted, request.IdNumber!, LedgerSessions.ActingFor(s.Http).UserId, request.Dossier));
    }

    /// <summary>
    /// Another request committed first and nothing of ours was written: the same Idempotency-Key (answer as for a
    /// repeat), the same person and level (三(六) refuses this one), or the same employer, series and level to another
    /// committee (三(六) again). Null when the race was lost to another employer's first application to the same
    /// committee: nothing is wrong with this one, so it goes once more, now finding the committee recorded.
    /// </summary>
    private static async Task<IResult?> AfterCollisionAsync(Submitting s, SubmissionFacts facts, string slotId, ApplicationSubmitted submitted,
        CancellationToken cancellationToken)
    {
        if (await AnswerRepeatAsync(s, cancellationToken) is { } raced)
        {
            return raced;
        }

        await using var query = s.Sessions.Query();
        var winner = await HolderAsync(query, await query.LoadAsync<LevelSlot>(slotId, cancellationToken), s, cancellationToken);
        var employer = await query.LoadAsync<EmployerCommittee>(EmployerCommittee.IdOf(s.Cycle, s.Request), cancellationToken);
        var now = facts with { ActiveSameLevel = winner?.Id, SameLevelSubmitter = winner?.SubmittedBy, EmployerChoice = employer };
        return Submission.Decide(now, submitted.ApplicationId, submitted.SubmittedAt).Accepted(out _, out var refusal)
            ? null
            : refusal.ToProblem();
    }

    /// <summary>The application holding the person's slot of the year and grade when it still keeps them from this cycle (<see cref="LevelSlot.Holds"/>).</summary>
    private static async Task<ApplicationFile?> HolderAsync(IQuerySession session, LevelSlot? slot, Submitting s, CancellationToken cancellationToken) =>
        slot is not null && await session.LoadAsync<ApplicationFile>(slot.ApplicationId, cancellationToken) is { } holder
            && LevelSlot.Holds(holder, s.Cycle, s.Cycles) ? holder : null;

    /// <summary>Marten reports one duplicate insert as itself, several in one batch as an AggregateException of them.</summary>
    private static bool AlreadyExists(Exception exception) =>
        exception is DocumentAlreadyExistsException
        || exception is AggregateException aggregate && aggregate.InnerExceptions.All(inner => inner is DocumentAlreadyExistsException);

    private static async Task<IResult?> AnswerRepeatAsync(Submitting s, CancellationToken cancellationToken)
    {
        if (s.KeyId is null)
        {
            return null;
        }

        await using var query = s.Sessions.Query();
        return Repeated(await query.LoadAsync<SubmissionKey>(s.KeyId, cancellationToken), s);
    }

    /// <summary>The answer to a repeated Idempotency-Key: as the first time for the same body, 409 for another; null when the key is new.</summary>
    private static IResult? Repeated(SubmissionKey? known, Submitting s) => known switch
    {
        null => null,
        _ when known.BodySha256 == s.BodyHash => Results.Created($"/api/applications/{known.ApplicationId}", new SubmittedResponse(known.ApplicationId, "Submitted")),
        _ => Problems.Conflict(new("该 Idempotency-Key 已用于另一份申报内容，请换用新的键。", "This Idempotency-Key was used with a different application body; use a new key.")),
    };
}
