using TitleReview.Payment.Features.RecordPayment;

namespace TitleReview.Payment.Features.PaymentNotifications;

/// <summary>One notification from the payment platform, by the platform's own id, so a repeat is recognised.</summary>
public sealed class PaymentNotification
{
    public string Id { get; set; } = "";
    public string PaymentReference { get; set; } = "";
    public decimal Amount { get; set; }
    public DateTimeOffset PaidAt { get; set; }
    public string Channel { get; set; } = "";
    public Guid? ApplicationId { get; set; }
    public PaymentOutcome Outcome { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset? RefundedAt { get; set; }
    public string? RefundReason { get; set; }
    public string? RefundEvidenceSha256 { get; set; }

    /// <summary>The outcomes of money that arrived but did not pay the fee: it goes back.</summary>
    public static readonly PaymentOutcome[] RefundableOutcomes = [PaymentOutcome.RefundDue, PaymentOutcome.PaidTwice, PaymentOutcome.AmountDiffers];

    /// <summary>Money received that did not pay the fee and belongs to a known application: finance must give it back.</summary>
    public bool RefundDue => RefundedAt is null && ApplicationId is not null && RefundableOutcomes.Contains(Outcome);
}
