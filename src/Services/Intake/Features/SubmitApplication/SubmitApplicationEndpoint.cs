using JasperFx;
using Marten;
using TitleReview.Contracts.Cycles;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.WorkingDays;
using TitleReview.Intake.Features.IntegrityRegister;
using TitleReview.Intake.Features.Status;
using TitleReview.ServiceDefaults.EventStore;
using TitleReview.ServiceDefaults.Http;

namespace TitleReview.Intake.Features.SubmitApplication;

public sealed record SubmittedResponse(Guid Id, string Status);

public static class SubmitApplicationEndpoint
{
    public static RouteGroupBuilder MapSubmitApplication(this RouteGroupBuilder group)
    {
        group.MapPost("", async (SubmitApplicationRequest? request, HttpContext http, LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (request is null)
            {
                return Problems.Validation(new Dictionary<string, string[]> { ["body"] = ["请求体不能为空。 / The request body is required."] });
            }

            var errors = request.Validate();
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
            if (today < cycle.SubmissionOpens || today > cycle.SubmissionCloses)
            {
                // Notice 二(二): 网上首次申报时间 5月22日—7月31日，逾期不予受理.
                return Problems.Unprocessable(
                    $"不在申报时间内：{cycle.SubmissionOpens:yyyy年M月d日}至{cycle.SubmissionCloses:yyyy年M月d日}，逾期不予受理（通知 二(二)）。",
                    $"Outside the submission window {cycle.SubmissionOpens:yyyy-MM-dd} to {cycle.SubmissionCloses:yyyy-MM-dd} (notice 二(二)).",
                    new Dictionary<string, object?> { ["rule"] = "window", ["clause"] = "二(二)", ["field"] = "submittedAt" });
            }

            await using var session = sessions.OpenForRequest(http);
            var record = await session.LoadAsync<IntegrityRecord>(IntegrityRecord.KeyOf(request.IdNumber!), cancellationToken);
            if (record is not null && record.Refuses(today))
            {
                return Problems.Unprocessable(
                    $"申报人因以不正当手段取得职称被撤销证书（{record.CertificateNumber}，{record.RecordedOn:yyyy年M月d日}），记入诚信档案三年，{record.Until:yyyy年M月d日}前不得申报（通知 {IntegrityRecord.Clause}）。",
                    $"The applicant's certificate {record.CertificateNumber} was revoked on {record.RecordedOn:yyyy-MM-dd}; applications are refused until {record.Until:yyyy-MM-dd} (notice {IntegrityRecord.Clause}).",
                    new Dictionary<string, object?> { ["rule"] = "integrity-register", ["clause"] = IntegrityRecord.Clause, ["field"] = "idNumber" });
            }

            var id = Guid.CreateVersion7(now);
            var submitted = new ApplicationSubmitted(id, request.ApplicantName!.Trim(), request.Employer!.Trim(), request.Series!.Trim(),
                request.Specialty!.Trim(), request.ParsedLevel, cycle.Id, now);

            session.Events.StartStream(id, submitted);
            if (keyId is not null)
            {
                session.Insert(new SubmissionKey { Id = keyId, BodySha256 = bodyHash, ApplicationId = id });
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
            });
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (DocumentAlreadyExistsException) when (keyId is not null)
            {
                // The same key raced us and committed first: nothing of ours was written; answer as for a repeat.
                return await AnswerRepeatAsync(sessions, keyId, bodyHash, cancellationToken)
                    ?? throw new InvalidOperationException("An idempotency key collided but cannot be read back.");
            }

            return Results.Created($"/api/applications/{id}", new SubmittedResponse(id, "Submitted"));
        })
        .WithName("SubmitApplication");
        return group;
    }

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
