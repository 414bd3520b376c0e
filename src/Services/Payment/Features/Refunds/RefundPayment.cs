using Marten;
using TitleReview.Contracts.Events;
using TitleReview.Payment.Features.PaymentNotifications;
using TitleReview.Web.Http;

namespace TitleReview.Payment.Features.Refunds;

public enum RefundOutcome
{
    Refunded,
    NoSuchPayment,
    NotRefundable,
    AlreadyRefunded,
}

/// <summary>
/// Finance gives back money that did not pay a fee (paid twice, after the lapse, a wrong amount): FeeRefunded on the
/// application's stream with the reason and the evidence's hash, the payment marked refunded, the evidence kept, all
/// in one transaction. A refund changes nothing in the lifecycle, so it may follow a lapse.
/// </summary>
public static class RefundPayment
{
    public static async Task<(RefundOutcome Outcome, FeeRefunded? Refunded)> RecordAsync(
        IDocumentSession session, string notificationId, string reason, EvidenceFile evidence, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var payment = await session.LoadAsync<PaymentNotification>(notificationId, cancellationToken);
        if (payment is null)
        {
            return (RefundOutcome.NoSuchPayment, null);
        }

        if (payment.RefundedAt is not null)
        {
            return (RefundOutcome.AlreadyRefunded, null);
        }

        if (!payment.RefundDue)
        {
            return (RefundOutcome.NotRefundable, null);
        }

        var refunded = new FeeRefunded(payment.ApplicationId!.Value, payment.Amount, reason, now, payment.Id, evidence.Sha256);
        // Appending at the expected version keeps two finance officers from refunding the same payment twice.
        var stream = await session.Events.FetchForWriting<TitleReview.Domain.Lifecycle.ApplicationLifecycle>(payment.ApplicationId.Value, cancellationToken);
        stream.AppendOne(refunded);
        payment.RefundedAt = now;
        payment.RefundReason = reason;
        payment.RefundEvidenceSha256 = evidence.Sha256;
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
        return (RefundOutcome.Refunded, refunded);
    }

    public static IResult Problem(RefundOutcome outcome, string notificationId) => outcome switch
    {
        RefundOutcome.NoSuchPayment => Problems.NotFound($"没有编号为 {notificationId} 的到账记录。", $"No payment notification {notificationId}."),
        RefundOutcome.AlreadyRefunded => Problems.Conflict("该笔款项已退费。", "This payment was already refunded."),
        _ => Problems.Conflict("该笔款项已入账为缴费或无对应申报，不能在此退费。", "This payment paid a fee or belongs to no application; it cannot be refunded here."),
    };

    public static Dictionary<string, string[]> ValidateReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Length > 500
            ? new Dictionary<string, string[]> { ["reason"] = ["请填写退费理由（500 字以内）。 / reason is required (at most 500 characters)."] }
            : [];
}
