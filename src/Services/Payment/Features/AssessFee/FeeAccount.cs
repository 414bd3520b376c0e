namespace TitleReview.Payment.Features.AssessFee;

/// <summary>What finance tracks for one application's fee: looked up by the payment reference (缴款码).</summary>
public sealed class FeeAccount
{
    public Guid Id { get; set; }
    public string PaymentReference { get; set; } = "";
    public decimal Amount { get; set; }
    public DateOnly DueDate { get; set; }
    public bool Paid { get; set; }
    public bool Lapsed { get; set; }
}
