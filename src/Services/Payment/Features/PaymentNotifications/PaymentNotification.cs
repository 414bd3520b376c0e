namespace TitleReview.Payment.Features.PaymentNotifications;

public enum NotificationOutcome
{
    /// <summary>Amount as assessed, before any lapse: recorded as FeePaid.</summary>
    Matched,

    /// <summary>The amount differs from the assessment: kept for finance, the fee stays unpaid.</summary>
    AmountDiffers,

    /// <summary>Paid after the application lapsed: the money must go back.</summary>
    RefundDue,

    /// <summary>No fee has this payment reference.</summary>
    UnknownReference,

    /// <summary>The fee was already paid: a second payment, to refund.</summary>
    PaidTwice,
}

/// <summary>One notification from the payment platform, by the platform's own id, so a repeat is recognised.</summary>
public sealed class PaymentNotification
{
    public string Id { get; set; } = "";
    public string PaymentReference { get; set; } = "";
    public decimal Amount { get; set; }
    public DateTimeOffset PaidAt { get; set; }
    public string Channel { get; set; } = "";
    public Guid? ApplicationId { get; set; }
    public NotificationOutcome Outcome { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
