using TitleReview.Contracts.Events;
using TitleReview.Domain.WorkingDays;

namespace TitleReview.Domain.Publicity;

/// <summary>One way a stream breaks the publicity rule, in words an auditor can act on.</summary>
public sealed record RuleViolation(string Rule, string Clause, string Chinese, string English);

/// <summary>
/// Re-checks the publicity rule (notice 四(一): at least 5 working days; the proof after, never on, the end date;
/// no completion while an objection is open) from an application's events alone, counting with the calendar version
/// that the Published event recorded, so a replay years later reaches the same answer.
/// </summary>
public static class PublicityRuleCheck
{
    public const string Rule = "publicity-5-working-days";
    public const string Clause = "四(一)";
    public const int MinimumWorkingDays = 5;

    public static IReadOnlyList<RuleViolation> Verify(IEnumerable<object> events, Func<string, WorkingDayCalendar?> calendarByVersion)
    {
        var violations = new List<RuleViolation>();
        void Fail(string chinese, string english) => violations.Add(new RuleViolation(Rule, Clause, chinese, english));

        Published? published = null;
        var finalApproved = false;
        var openObjections = new HashSet<Guid>();
        foreach (var @event in events)
        {
            switch (@event)
            {
                case FinalApproved:
                    finalApproved = true;
                    break;
                case Published p:
                    if (!finalApproved)
                    {
                        Fail("公示发生在终审通过之前。", "Published before final approval.");
                    }

                    published = p;
                    violations.AddRange(PeriodViolations(p, calendarByVersion(p.CalendarVersion)));
                    break;
                case ObjectionLodged lodged:
                    openObjections.Add(lodged.ObjectionId);
                    break;
                case ObjectionResolved resolved:
                    openObjections.Remove(resolved.ObjectionId);
                    break;
                case PublicityCompleted completed:
                    if (published is null)
                    {
                        Fail("公示完成但没有公示记录。", "Publicity completed without a Published event.");
                    }
                    else if (completed.ProofDate <= published.End)
                    {
                        Fail($"公示证明日期 {completed.ProofDate:yyyy-MM-dd} 不晚于公示结束日 {published.End:yyyy-MM-dd}（不可结束日期当日出具）。",
                            $"Proof dated {completed.ProofDate:yyyy-MM-dd}, not after the end date {published.End:yyyy-MM-dd}.");
                    }

                    if (openObjections.Count > 0)
                    {
                        Fail($"仍有 {openObjections.Count} 件异议未处理时即完成公示。", $"Completed with {openObjections.Count} objection(s) still open.");
                    }

                    break;
            }
        }

        return violations;
    }

    /// <summary>The period alone: long enough, counted with the calendar version the event recorded.</summary>
    public static IReadOnlyList<RuleViolation> PeriodViolations(Published p, WorkingDayCalendar? calendar)
    {
        var violations = new List<RuleViolation>();
        void Fail(string chinese, string english) => violations.Add(new RuleViolation(Rule, Clause, chinese, english));

        if (p.WorkingDays < MinimumWorkingDays)
        {
            Fail($"公示期为 {p.WorkingDays} 个工作日，少于 {MinimumWorkingDays} 个工作日。", $"Publicity of {p.WorkingDays} working days is shorter than {MinimumWorkingDays}.");
        }

        if (calendar is null)
        {
            Fail($"找不到公示记录的日历版本“{p.CalendarVersion}”，无法复核。", $"Calendar version '{p.CalendarVersion}' recorded in Published is not available; the period cannot be re-checked.");
            return violations;
        }

        try
        {
            var counted = calendar.Count(p.Start, p.End);
            var expectedEnd = calendar.EndOfPeriod(p.Start, Math.Max(p.WorkingDays, MinimumWorkingDays));
            if (p.End < expectedEnd)
            {
                Fail($"公示 {p.Start:yyyy-MM-dd} 至 {p.End:yyyy-MM-dd} 仅 {counted} 个工作日（日历 {calendar.Version}），应至少到 {expectedEnd:yyyy-MM-dd}。",
                    $"Publicity {p.Start:yyyy-MM-dd} to {p.End:yyyy-MM-dd} has only {counted} working days (calendar {calendar.Version}); it must run to {expectedEnd:yyyy-MM-dd} at least.");
            }
        }
        catch (CalendarYearNotLoadedException missing)
        {
            Fail($"日历版本 {calendar.Version} 没有 {missing.Year} 年的数据，无法复核。", $"Calendar {calendar.Version} has no data for {missing.Year}; the period cannot be re-checked.");
        }

        return violations;
    }

    /// <summary>The calendar shipped with this build, for replays that hold no imports; services use WorkingDayCalendarSet.ForVersion.</summary>
    public static WorkingDayCalendar? ShippedCalendar(string version) =>
        version == WorkingDayCalendar.Official.Version ? WorkingDayCalendar.Official : null;
}
