using TitleReview.Domain.Cycles;
using System.Text.Json;
using Marten;
using JasperFx;
using Microsoft.Extensions.Options;
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
        group.MapPost("/notifications", ReceivePaymentNotification)
        .AllowAnonymous()
        .WithName("ReceivePaymentNotification");
        return group;
    }

    private static async Task<IResult> ReceivePaymentNotification(HttpContext http, LedgerSessions sessions, IOptions<PlatformSigning> signing,
        ReviewCycleCatalogue cycles, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(http, cancellationToken);
        if (body is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: Problems.TitleFor(StatusCodes.Status413PayloadTooLarge),
                detail: $"通知不能超过 {MaxBodyBytes / 1024} KB。 / A notification is at most {MaxBodyBytes / 1024} KB.");
        }

        // Freshness is security time, not business time: the platform signs with the real clock even when a demo
        // has moved the business clock back to 2023.
        if (!signing.Value.Verifies(http.Request.Headers[PlatformSigning.TimestampHeader], http.Request.Headers[PlatformSigning.SignatureHeader], body, TimeProvider.System.GetUtcNow()))
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: Problems.TitleFor(StatusCodes.Status401Unauthorized),
                detail: "签名无效或已过期（超过5分钟）。 / The signature is invalid or older than 5 minutes.");
        }

        PlatformNotification? notification;
        try
        {
            notification = JsonSerializer.Deserialize<PlatformNotification>(body, Json);
        }
        catch (JsonException)
        {
            notification = null;
        }

        if (notification is not { NotificationId.Length: > 0 and <= 64, PaymentReference.Length: > 0 and <= 40, Amount: > 0, PaidAt: not null })
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["body"] = ["通知须含 notificationId、paymentReference、amount（大于0）和 paidAt。 / notificationId, paymentReference, amount (> 0) and paidAt are required."],
            });
        }

        // paidAt decides whether the fee was paid in time (notice 五), so a time that cannot be true is refused, not kept.
        if (PaymentJudgement.PaidAtProblem(notification.PaidAt.Value, clock.GetUtcNow(), application: null, cycles) is { } paidAtProblem)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["paidAt"] = paidAtProblem });
        }

        return await RecordAsync(notification, http, sessions, cycles, clock, cancellationToken);
    }

    private static async Task<IResult> RecordAsync(
        PlatformNotification notification, HttpContext http, LedgerSessions sessions, ReviewCycleCatalogue cycles, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var acting = LedgerSessions.ActingFor(http) with { UserId = "payment-platform", Role = "payment-platform" };
        await using var session = sessions.Open(acting);
        if (await session.LoadAsync<PaymentNotification>(notification.NotificationId!, cancellationToken) is { } known)
        {
            return Results.Ok(new NotificationReceipt(known.Id, known.Outcome, Duplicate: true));
        }

        var record = new PaymentNotification
        {
            Id = notification.NotificationId!,
            PaymentReference = notification.PaymentReference!,
            Amount = notification.Amount!.Value,
            PaidAt = notification.PaidAt!.Value,
            Channel = notification.Channel is { Length: > 0 and <= 50 } channel ? channel : "payment-platform",
            ReceivedAt = clock.GetUtcNow(),
            Outcome = PaymentOutcome.UnknownReference,
        };

        var account = await session.Query<FeeAccount>().SingleOrDefaultAsync(a => a.PaymentReference == record.PaymentReference, cancellationToken);
        if (account is not null)
        {
            record.ApplicationId = account.Id;
            var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(account.Id, cancellationToken);
            var application = stream.Aggregate!;
            if (PaymentJudgement.PaidAtProblem(record.PaidAt, record.ReceivedAt, application, cycles) is { } beforeApproval)
            {
                return Problems.Validation(new Dictionary<string, string[]> { ["paidAt"] = beforeApproval });
            }

            // Judged by when the money was paid, not when this notification arrived: a payment made on the due date
            // and reported after the lapse job ran still pays the fee (and undoes the lapse).
            var decision = PaymentJudgement.Decide(application, account, record.Amount, record.Channel, record.PaidAt, record.ReceivedAt);
            record.Outcome = decision.Outcome;
            if (record.Outcome == PaymentOutcome.Matched)
            {
                PaymentJudgement.Accept(stream, account, decision);
                session.Store(account);
            }
        }

        session.Insert(record);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (DocumentAlreadyExistsException)
        {
            // The same notification arrived twice at once and the other delivery committed first: nothing more to do.
            return Results.Ok(new NotificationReceipt(record.Id, record.Outcome, Duplicate: true));
        }

        return Results.Ok(new NotificationReceipt(record.Id, record.Outcome, Duplicate: false));
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

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
