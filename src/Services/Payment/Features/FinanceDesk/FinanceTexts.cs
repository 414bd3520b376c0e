using TitleReview.Payment.Features.Reconciliation;
using TitleReview.Payment.Features.RecordPayment;

namespace TitleReview.Payment.Features.FinanceDesk;

/// <summary>How finance names what the system classifies.</summary>
public static class FinanceTexts
{
    public static string Chinese(this PaymentOutcome outcome) => outcome switch
    {
        PaymentOutcome.Matched => "已入账",
        PaymentOutcome.AmountDiffers => "金额不符",
        PaymentOutcome.RefundDue => "申报终止后到账",
        PaymentOutcome.UnknownReference => "缴款码不存在",
        PaymentOutcome.PaidTwice => "重复缴费",
        _ => outcome.ToString(),
    };

    public static string Chinese(this LineCategory category) => category switch
    {
        LineCategory.Matched => "一致",
        LineCategory.AmountDiffers => "金额不符",
        LineCategory.UnknownReference => "缴款码不存在",
        LineCategory.PaidTwice => "重复缴费（应退）",
        LineCategory.PaidAfterLapse => "逾期缴费（应退）",
        _ => category.ToString(),
    };
}
