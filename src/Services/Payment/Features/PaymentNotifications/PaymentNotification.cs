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
}
