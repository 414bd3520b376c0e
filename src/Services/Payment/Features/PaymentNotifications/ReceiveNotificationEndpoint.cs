using System.Text.Json;
using Marten;
using JasperFx;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TitleReview.Domain;
using TitleReview.Domain.Cycles;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.Payment.Features.RecordPayment;
using TitleReview.EventStore;
using TitleReview.Web.Http;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Payment.Features.PaymentNotifications;

public sealed record PlatformNotification(string? NotificationId, string? PaymentReference, decimal? Amount, DateTimeOffset? PaidAt, string? Channel);

public sealed record NotificationReceipt(string NotificationId, PaymentOutcome Outcome, bool Duplicate);

/// <summary>What a notification decided: its outcome, whether it was heard before, and what it appends if it pays the fee.</summary>
public sealed record NotificationHeard(PaymentOutcome Outcome, bool Duplicate, PaymentTaken? Taken);

/// <summary>
/// The payment platform tells us a fee was paid. Authenticated by its HMAC signature rather than a user, answered
/// 200 for every notification it signed (so it stops retrying), and recorded once per notification id. Only an
/// exact payment of an open fee becomes FeePaid; anything else is kept and flagged for finance.
/// </summary>
public static class ReceiveNotificationEndpoint
{
    private const int MaxBodyBytes = 64 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapReceiveNotification(this RouteGroupBuilder group)
    {
        group.MapPost("/notifications", ReceiveAsync).AllowAnonymous().WithName("ReceivePaymentNotification");
        return group;
    }

    /// <summary>The edge: size, signature and shape are checked here; what the payment means is <see cref="Decide"/>'s.</summary>
    public static async Task<Results<Ok<NotificationReceipt>, ProblemHttpResult>> ReceiveAsync(
        HttpContext http, LedgerSessions sessions, IOptions<PlatformSigning> signing, ReviewCycleCatalogue cycles, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(http, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: Problems.TitleFor(StatusCodes.Status413PayloadTooLarge),
                detail: new Bilingual($"通知不能超过 {MaxBodyBytes / 1024} KB。", $"A notification is at most {MaxBodyBytes / 1024} KB.").ToString());
        }

        // Freshness is security time, not business time: the platform signs with the real clock even when a demo
        // has moved the business clock back to 2023.
        var headers = http.Request.Headers;
        if (!signing.Value.Verifies(headers[PlatformSigning.TimestampHeader], headers[PlatformSigning.SignatureHeader], body, TimeProvider.System.GetUtcNow()))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: Problems.TitleFor(StatusCodes.Status401Unauthorized),
                detail: new Bilingual("签名无效或已过期（超过5分钟）。", "The signature is invalid or older than 5 minutes.").ToString());
        }

        var notification = Parse(body);
        if (Validate(notification, clock.GetUtcNow(), cycles) is { } invalid)
        {
            return invalid.ToProblem();
        }

        return await RecordAsync(notification!, http, sessions, cycles, clock, cancellationToken);
    }

    private static PlatformNotification? Parse(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<PlatformNotification>(body, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The notification alone: every field present, and a payment time that can be true.</summary>
    public static Refusal? Validate(PlatformNotification? notification, DateTimeOffset now, ReviewCycleCatalogue cycles)
    {
        if (notification is not { NotificationId.Length: > 0 and <= 64, PaymentReference.Length: > 0 and <= 40, Amount: > 0, PaidAt: not null })
        {
            return Refusal.InvalidFields(new Dictionary<string, IReadOnlyList<Bilingual>>
            {
                ["body"] = [new("通知须含 notificationId、paymentReference、amount（大于0）和 paidAt。",
                    "notificationId, paymentReference, amount (> 0) and paidAt are required.")],
            });
        }

        // paidAt decides whether the fee was paid in time (notice 五), so a time that cannot be true is refused, not kept.
        return PaymentJudgement.PaidAtProblem(notification.PaidAt.Value, now, application: null, cycles) is { } problem
            ? Refusal.InvalidFields(new Dictionary<string, IReadOnlyList<Bilingual>> { ["paidAt"] = [problem] })
            : null;
    }

    private static async Task<Results<Ok<NotificationReceipt>, ProblemHttpResult>> RecordAsync(
        PlatformNotification notification, HttpContext http, LedgerSessions sessions, ReviewCycleCatalogue cycles, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var acting = LedgerSessions.ActingFor(http) with { UserId = "payment-platform", Role = "payment-platform" };
        await using var session = sessions.Open(acting);
        var known = await session.LoadAsync<PaymentNotification>(notification.NotificationId!, cancellationToken);
        var record = known ?? NewRecord(notification, clock.GetUtcNow());
        var account = known is null
            ? await session.Query<FeeAccount>().SingleOrDefaultAsync(a => a.PaymentReference == record.PaymentReference, cancellationToken)
            : null;
        var stream = account is null ? null : await session.Events.FetchForWriting<ApplicationLifecycle>(account.Id, cancellationToken);
        var decision = Decide(known, record, account, stream?.Aggregate, cycles);
        if (!decision.Accepted(out var heard, out var refusal))
        {
            return refusal.ToProblem();
        }

        if (heard.Duplicate)
        {
            return TypedResults.Ok(new NotificationReceipt(record.Id, record.Outcome, Duplicate: true));
        }

        record.ApplicationId = account?.Id;
        record.Outcome = heard.Outcome;
        if (heard.Taken is { } taken)
        {
            PaymentJudgement.Append(stream!, account!, taken);
            session.Store(account!);
        }

        session.Insert(record);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (DocumentAlreadyExistsException)
        {
            // The same notification arrived twice at once and the other delivery committed first: nothing more to do.
            return TypedResults.Ok(new NotificationReceipt(record.Id, record.Outcome, Duplicate: true));
        }

        return TypedResults.Ok(new NotificationReceipt(record.Id, record.Outcome, Duplicate: false));
    }

    private static PaymentNotification NewRecord(PlatformNotification notification, DateTimeOffset now) => new()
    {
        Id = notification.NotificationId!,
        PaymentReference = notification.PaymentReference!,
        Amount = notification.Amount!.Value,
        PaidAt = notification.PaidAt!.Value,
        Channel = notification.Channel is { Length: > 0 and <= 50 } channel ? channel : "payment-platform",
        ReceivedAt = now,
        Outcome = PaymentOutcome.UnknownReference,
    };

    /// <summary>
    /// What a signed notification means for the fee. A notification already recorded is absorbed (same receipt, nothing
    /// appended); an unknown reference is kept for finance; otherwise it is judged by when the money was paid, not when
    /// we heard of it, so a payment made on the due date and reported after the lapse job ran still pays the fee (and
    /// undoes the lapse). Only a time before the approval is refused: it cannot be true.
    /// </summary>
    public static Decision<NotificationHeard> Decide(
        PaymentNotification? known, PaymentNotification received, FeeAccount? account, ApplicationLifecycle? application,
        ReviewCycleCatalogue cycles)
    {
        if (known is not null)
        {
            return new NotificationHeard(known.Outcome, Duplicate: true, Taken: null);
        }

        if (account is null || application is null)
        {
            return new NotificationHeard(PaymentOutcome.UnknownReference, Duplicate: false, Taken: null);
        }

        if (PaymentJudgement.PaidAtProblem(received.PaidAt, received.ReceivedAt, application, cycles) is { } beforeApproval)
        {
            return Refusal.InvalidFields(new Dictionary<string, IReadOnlyList<Bilingual>> { ["paidAt"] = [beforeApproval] });
        }

        var outcome = PaymentJudgement.Judge(application, account, received.Amount, received.PaidAt);
        return new NotificationHeard(outcome, Duplicate: false, outcome == PaymentOutcome.Matched
            ? PaymentJudgement.Take(application, account, received.Channel, received.PaidAt, received.ReceivedAt)
            : null);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpContext http, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
        }

        return buffer.ToArray();
    }
}
