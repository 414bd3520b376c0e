using TitleReview.Contracts.Events;
using TitleReview.Domain.Cycles;
using TitleReview.Domain.WorkingDays;

namespace TitleReview.Audit.Features.Verification.Rules;

/// <summary>Notice 二: a history starts with exactly one submission (二(一)), made inside its cycle's window (二(二)).</summary>
public static class SubmissionRules
{
    /// <summary>二(一): the first event is the submission, and there is no second one.</summary>
    public static IEnumerable<Found> StartsWithSubmission(ReplayedHistory history)
    {
        foreach (var step in history.Steps)
        {
            if (step.Data is ApplicationSubmitted)
            {
                if (step.Before.Submitted is { } first)
                {
                    yield return new Found(step.At, AuditRules.StartsWithSubmission, [first, step.Sequence], "同一申报被提交了两次。", "The application was submitted twice.");
                }
            }
            else if (step.Before.Submitted is null)
            {
                yield return new Found(step.At, AuditRules.StartsWithSubmission, [step.Sequence],
                    $"第一个事件是“{step.Event.Type}”，不是提交申报。", $"The history starts with '{step.Event.Type}', not a submission.");
            }
        }
    }

    /// <summary>二(二): submitted (Beijing date) inside the window of the cycle the submission names, both ends included.</summary>
    public static IEnumerable<Found> InsideWindow(ReplayedHistory history, ReviewCycleCatalogue cycles)
    {
        foreach (var step in history.Steps)
        {
            if (step.Data is not ApplicationSubmitted e || step.Before.Submitted is not null)
            {
                continue;
            }

            var cycle = cycles.Find(e.CycleId);
            var day = ChinaTime.DateOfInstant(e.SubmittedAt);
            if (cycle is null)
            {
                yield return new Found(step.At, AuditRules.SubmissionInsideWindow, [step.Sequence],
                    $"申报所属评审周期“{e.CycleId}”不存在，无法复核申报时间。", $"Cycle '{e.CycleId}' is unknown; the window cannot be re-checked.");
            }
            else if (day < cycle.SubmissionOpens || day > cycle.SubmissionCloses)
            {
                yield return new Found(step.At, AuditRules.SubmissionInsideWindow, [step.Sequence],
                    $"提交日期 {day:yyyy-MM-dd} 不在申报时间 {cycle.SubmissionOpens:yyyy-MM-dd} 至 {cycle.SubmissionCloses:yyyy-MM-dd} 内。",
                    $"Submitted on {day:yyyy-MM-dd}, outside {cycle.SubmissionOpens:yyyy-MM-dd} to {cycle.SubmissionCloses:yyyy-MM-dd}.");
            }
        }
    }
}
