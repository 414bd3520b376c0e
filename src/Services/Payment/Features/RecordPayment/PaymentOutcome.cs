using JasperFx.Events;
using TitleReview.Domain;
using TitleReview.Domain.Cycles;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain.WorkingDays;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Payment.Features.RecordPayment;

public enum PaymentOutcome
{
    /// <summary>Amount as assessed, paid by the due date, for an open (or only lapsed) unpaid fee: recorded as FeePaid.</summary>
    Matched,

    /// <summary>The amount differs from the assessment: the fee stays unpaid.</summary>
    AmountDiffers,

    /// <summary>Paid after the due date (逾期), or the application ended (refused, withdrawn …) before the money came: it must go back.</summary>
    RefundDue,

    /// <summary>No fee has this payment reference.</summary>
    UnknownReference,

    /// <summary>The fee was already paid: a second payment, to refund.</summary>
    PaidTwice,
}

/// <summary>
/// The one rule for taking a payment, whether finance records it by hand or the platform notifies it: only the
/// assessed amount, paid by the due date, pays an unpaid fee; anything else is kept apart for finance to act on.
/// Notice 五 (终审通过后…及时完成交费，逾期不缴费视作自愿放弃申报) is about when the money was paid, not when we heard of
/// it: a payment made on the due date and reported after the lapse job ran undoes the lapse.
/// </summary>
public static class PaymentJudgement
{
    /// <summary>How far ahead of our clock a payment time may be: the platform's clock and ours differ a little.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Paid on or before the due date, a Beijing date.</summary>
    public static bool PaidInTime(DateTimeOffset paidAt, DateOnly dueDate) => ChinaTime.DateOfInstant(paidAt) <= dueDate;

    /// <summary>
    /// A payment time that cannot be true: later than now, or before the day the application was approved (before any
    /// cycle opened, when the fee is unknown). Such a time would decide timeliness, so it is refused, not recorded.
    /// </summary>
    public static Bilingual? PaidAtProblem(
        DateTimeOffset paidAt, DateTimeOffset now, ApplicationLifecycle? application, ReviewCycleCatalogue cycles)
    {
        var notBefore = application?.FinalApprovedAt is { } approved
            ? ChinaTime.DateOfInstant(approved)
            : cycles.All.Min(cycle => cycle.SubmissionOpens);
        if (paidAt > now + ClockSkew)
        {
            return new Bilingual("缴费时间晚于当前时间。", "paidAt is in the future.");
        }

        return ChinaTime.DateOfInstant(paidAt) < notBefore
            ? new Bilingual($"缴费时间早于 {notBefore:yyyy-MM-dd}（终审通过前无从缴费）。",
                $"paidAt is before {notBefore:yyyy-MM-dd}, when no fee could yet be paid.")
            : null;
    }

    public static PaymentOutcome Judge(ApplicationLifecycle application, FeeAccount account, decimal amount, DateTimeOffset paidAt) =>
        application.FeePaid ? PaymentOutcome.PaidTwice
        : !PaidInTime(paidAt, account.DueDate) ? PaymentOutcome.RefundDue
        : application.IsTerminal && application.Terminal != ApplicationStatus.Lapsed ? PaymentOutcome.RefundDue
        : amount != account.Amount ? PaymentOutcome.AmountDiffers
        : PaymentOutcome.Matched;

    /// <summary>
    /// What a Matched payment appends: FeePaid, preceded by ApplicationLapseUndone when the lapse it proves wrong stands.
    /// </summary>
    public static PaymentTaken Take(ApplicationLifecycle application, FeeAccount account, string channel, DateTimeOffset paidAt, DateTimeOffset now) =>
        new(application.Terminal == ApplicationStatus.Lapsed
                ? new ApplicationLapseUndone(account.Id, account.PaymentReference, paidAt, now)
                : null,
            new FeePaid(account.Id, account.Amount, account.PaymentReference, channel, paidAt));

    /// <summary>Appends a taken payment in one go and marks the account, so the read side agrees with the stream.</summary>
    public static void Append(IEventStream<ApplicationLifecycle> stream, FeeAccount account, PaymentTaken taken)
    {
        if (taken.LapseUndone is { } undone)
        {
            stream.AppendOne(undone);
            account.Lapsed = false;
        }

        stream.AppendOne(taken.Paid);
        account.Paid = true;
    }
}

/// <summary>The events a payment that pays its fee appends, in order.</summary>
public sealed record PaymentTaken(ApplicationLapseUndone? LapseUndone, FeePaid Paid);
