using Marten;
using TitleReview.Contracts.Events;
using TitleReview.Domain;
using TitleReview.Domain.Lifecycle;
using TitleReview.Payment.Features.PaymentNotifications;
using TitleReview.Web.Http;

namespace TitleReview.Payment.Features.Refunds;

/// <summary>Finance's refund of one payment: the reason (trimmed), the evidence's SHA-256 and the moment it is recorded.</summary>
public sealed record RefundCommand(string PaymentNotificationId, string Reason, string EvidenceSha256, DateTimeOffset Now);

/// <summary>
/// Finance gives back money that did not pay a fee (paid twice, after the lapse, a wrong amount): FeeRefunded on the
/// application's stream with the reason and the evidence's hash, the payment marked refunded, the evidence kept, all
/// in one transaction. A refund changes nothing in the lifecycle, so it may follow a lapse.
/// </summary>
public static class RefundPayment
{
    public const int MaxReasonLength = 500;
    public const int MaxNotificationIdLength = 64;

    /// <summary>The refusals' stable codes (problem+json <c>rule</c>; the finance page words each its own way).</summary>
    public const string PaymentNotFound = "payment-not-found";
    public const string AlreadyRefunded = "payment-already-refunded";
    public const string NotRefundable = "payment-not-refundable";

    /// <summary>
    /// Loads the payment, decides, and on acceptance appends FeeRefunded at the stream's expected version (so two finance
    /// officers cannot both refund it), marks the payment and keeps the evidence; the caller saves the session.
    /// </summary>
    public static async Task<Decision<FeeRefunded>> RecordAsync(
        IDocumentSession session, string notificationId, string reason, EvidenceFile evidence, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var payment = await session.LoadAsync<PaymentNotification>(notificationId, cancellationToken);
        var decision = Decide(payment, new RefundCommand(notificationId, reason, evidence.Sha256, now));
        if (!decision.Accepted(out var refunded, out _))
        {
            return decision;
        }

        var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(refunded.ApplicationId, cancellationToken);
        stream.AppendOne(refunded);
        payment!.RefundedAt = refunded.RefundedAt;
        payment.RefundReason = refunded.Reason;
        payment.RefundEvidenceSha256 = refunded.EvidenceSha256;
        session.Update(payment);
        session.Store(new RefundEvidence
        {
            Id = Guid.CreateVersion7(now),
            PaymentNotificationId = payment.Id,
            FileName = evidence.FileName,
            ContentType = evidence.ContentType,
            Sha256 = evidence.Sha256,
            Content = evidence.Content,
        });
        return decision;
    }

    /// <summary>
    /// Only money kept apart as not paying a fee (refund due, paid twice, amount differs) of a known application goes back,
    /// once, and always in full: the refund's amount is the payment's, never one finance types. The notice says nothing
    /// of refunds, so these refusals cite no clause.
    /// </summary>
    public static Decision<FeeRefunded> Decide(PaymentNotification? payment, RefundCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (payment is null)
        {
            return Refusal.NotFound(PaymentNotFound, new Bilingual(
                $"没有编号为 {command.PaymentNotificationId} 的到账记录。", $"No payment notification {command.PaymentNotificationId}."));
        }

        if (payment.RefundedAt is not null)
        {
            return Refusal.Conflict(AlreadyRefunded, new Bilingual("该笔款项已退费。", "This payment was already refunded."));
        }

        if (!payment.RefundDue)
        {
            return Refusal.Conflict(NotRefundable, new Bilingual("该笔款项已入账为缴费或无对应申报，不能在此退费。",
                "This payment paid a fee or belongs to no application; it cannot be refunded here."));
        }

        return new FeeRefunded(payment.ApplicationId!.Value, payment.Amount, command.Reason, command.Now, payment.Id, command.EvidenceSha256);
    }

    /// <summary>The form's fields alone (the evidence is read at the edge): a reason, and for the API the payment's id.</summary>
    public static Dictionary<string, Bilingual[]> Validate(string? paymentNotificationId, string? reason)
    {
        var errors = ValidateReason(reason);
        if (string.IsNullOrWhiteSpace(paymentNotificationId) || paymentNotificationId.Length > MaxNotificationIdLength)
        {
            errors["paymentNotificationId"] = [new("请指明要退的到账记录。", "paymentNotificationId is required.")];
        }

        return errors;
    }

    public static Dictionary<string, Bilingual[]> ValidateReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength
            ? new Dictionary<string, Bilingual[]> { ["reason"] = [new("请填写退费理由（500 字以内）。", "reason is required (at most 500 characters).")] }
            : [];
}
