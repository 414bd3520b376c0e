namespace TitleReview.Payment.Features.Refunds;

/// <summary>The proof of a refund (bank transfer slip, signed form); its SHA-256 is in the FeeRefunded event.</summary>
public sealed class RefundEvidence
{
    public Guid Id { get; set; }
    public string PaymentNotificationId { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public byte[] Content { get; set; } = [];

}
