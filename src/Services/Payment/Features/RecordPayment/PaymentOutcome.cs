using JasperFx.Events;
using TitleReview.Contracts.Events;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.ServiceDefaults.Ledger;

namespace TitleReview.Payment.Features.RecordPayment;

public enum PaymentOutcome
{
    /// <summary>Amount as assessed for an open, unpaid fee: recorded as FeePaid.</summary>
    Matched,

    /// <summary>The amount differs from the assessment: the fee stays unpaid.</summary>
    AmountDiffers,

    /// <summary>The application ended (lapsed, refused, withdrawn) before the money came: it must go back.</summary>
    RefundDue,

    /// <summary>No fee has this payment reference.</summary>
    UnknownReference,

    /// <summary>The fee was already paid: a second payment, to refund.</summary>
    PaidTwice,
}

/// <summary>
/// The one rule for taking a payment, whether finance records it by hand or the platform notifies it: only the
/// assessed amount of an open, unpaid fee pays it; anything else is kept apart for finance to act on.
/// </summary>
public static class PaymentJudgement
{
    public static PaymentOutcome Judge(ApplicationLifecycle application, FeeAccount account, decimal amount) =>
        application.FeePaid ? PaymentOutcome.PaidTwice
        : application.IsTerminal ? PaymentOutcome.RefundDue
        : amount != account.Amount ? PaymentOutcome.AmountDiffers
        : PaymentOutcome.Matched;

    public static FeePaid Accept(IEventStream<ApplicationLifecycle> stream, FeeAccount account, string channel, DateTimeOffset paidAt)
    {
        var paid = new FeePaid(account.Id, account.Amount, account.PaymentReference, channel, paidAt);
        stream.AppendOne(paid);
        account.Paid = true;
        return paid;
    }
}
