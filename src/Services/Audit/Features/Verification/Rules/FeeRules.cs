using TitleReview.Contracts.Events;
using TitleReview.Domain.WorkingDays;

namespace TitleReview.Audit.Features.Verification.Rules;

/// <summary>Notice 五: a fee after final approval, paid as assessed and once; overdue means withdrawal, undone only by money paid in time.</summary>
public static class FeeRules
{
    public static IEnumerable<Found> Check(ReplayedHistory history)
    {
        foreach (var step in history.Steps)
        {
            IEnumerable<Found> found = step.Data switch
            {
                FeeAssessed => AssessedAfterFinalApproval(step),
                FeePaid e => PaidAsAssessed(step, e),
                ApplicationLapseUndone e => LapseUndoneInTime(step, e),
                _ => [],
            };
            foreach (var one in found)
            {
                yield return one;
            }
        }
    }

    private static IEnumerable<Found> AssessedAfterFinalApproval(ApplicationStep step)
    {
        if (step.Before.FinalApproved is null)
        {
            yield return new Found(step.At, AuditRules.FeeAfterFinalApproval, [step.Sequence], "未终审通过即核定收费。", "Fee assessed without a final approval.");
        }
    }

    private static IEnumerable<Found> PaidAsAssessed(ApplicationStep step, FeePaid e)
    {
        if (step.Before.Assessed is not { } fee)
        {
            yield return new Found(step.At, AuditRules.FeePaidMatchesAssessed, [step.Sequence], "没有核定收费即记录缴费。", "FeePaid without a FeeAssessed.");
        }
        else if (e.Amount != fee.Event.Amount || e.PaymentReference != fee.Event.PaymentReference)
        {
            yield return new Found(step.At, AuditRules.FeePaidMatchesAssessed, [fee.Sequence, step.Sequence],
                $"缴费 {e.Amount:0.00} 元（缴款码 {e.PaymentReference}）与核定 {fee.Event.Amount:0.00} 元（缴款码 {fee.Event.PaymentReference}）不一致。",
                $"Paid {e.Amount:0.00} CNY under {e.PaymentReference}; assessed {fee.Event.Amount:0.00} CNY under {fee.Event.PaymentReference}.");
        }

        if (step.Before.Paid is { } earlier)
        {
            yield return new Found(step.At, AuditRules.FeePaidMatchesAssessed, [earlier, step.Sequence], "同一笔费用记录了两次缴费。", "The fee was recorded as paid twice.");
        }
    }

    /// <summary>Notice 五: only money paid by the due date (Beijing date) ends a lapse; the application then continues.</summary>
    private static IEnumerable<Found> LapseUndoneInTime(ApplicationStep step, ApplicationLapseUndone e)
    {
        if (step.Before.Terminal is not { Type: TerminalEvent.Lapsed } lapse)
        {
            yield return new Found(step.At, AuditRules.LapseUndoneByTimelyPayment, [step.Sequence], "撤销逾期放弃之前没有逾期放弃。", "A lapse undone without a lapse before it.");
            yield break;
        }

        var assessed = step.Before.Assessed;
        if (assessed is not { } fee || ChinaTime.DateOfInstant(e.PaidAt) > fee.Event.DueDate)
        {
            yield return new Found(step.At, AuditRules.LapseUndoneByTimelyPayment, [.. (assessed is { } a ? new[] { a.Sequence } : []), lapse.Sequence, step.Sequence],
                $"缴费时间 {ChinaTime.ToMinute(e.PaidAt)} 晚于缴费截止日{(assessed is { } late ? $" {late.Event.DueDate:yyyy-MM-dd}" : "（未核定）")}，不能撤销逾期放弃。",
                $"Paid at {ChinaTime.ToMinute(e.PaidAt)} Beijing time, not by the due date{(assessed is { } lateEn ? $" {lateEn.Event.DueDate:yyyy-MM-dd}" : " (no fee assessed)")}: the lapse cannot be undone.");
        }
    }
}
