using TitleReview.Contracts.Events;
using TitleReview.Domain.WorkingDays;

namespace TitleReview.Domain.Publicity;

/// <summary>One way a stream breaks the publicity rule, in words an auditor can act on.</summary>
public sealed record RuleViolation(string Rule, string Clause, string Chinese, string English);

/// <summary>Which part of the publicity rule an event breaks.</summary>
public enum PublicityBreach
{
    /// <summary>Published with no final approval before it (二(一): 终审通过且评审公示).</summary>
    PublishedBeforeApproval,

    /// <summary>The period is shorter than 5 working days, or cannot be re-checked with the calendar version it recorded.</summary>
    Period,

    /// <summary>Completed with no Published before it.</summary>
    CompletedWithoutPublication,

    /// <summary>The proof is dated on or before the end date of the latest publication (不可结束日期当日出具).</summary>
    ProofNotAfterEnd,

    /// <summary>Completed while an objection lodged before it is still unresolved (无异议后再出具).</summary>
    CompletedWithObjectionOpen,
}

/// <summary>
/// One breach of the publicity rule: which part, the event that breaks it (<see cref="At"/>, its position in the events
/// checked) and every event it concerns (<see cref="Concerns"/>, positions in the order an auditor cites them, ending
/// with <see cref="At"/>: the publication and the completion; the open objections and the completion), in words.
/// </summary>
public sealed record PublicityViolation(PublicityBreach Breach, int At, IReadOnlyList<int> Concerns, string Chinese, string English)
{
    public RuleViolation ToRuleViolation() => new(PublicityRuleCheck.Rule, PublicityRuleCheck.Clause, Chinese, English);
}

/// <summary>
/// Re-checks the publicity rule (notice 四(一): at least 5 working days; the proof after, never on, the end date;
/// no completion while an objection is open; and 二(一): published only after final approval) from an application's
/// events alone, counting with the calendar version that the Published event recorded, so a replay years later
/// reaches the same answer. The one implementation of the rule: the audit's replay consumes <see cref="Check"/>.
/// </summary>
public static class PublicityRuleCheck
{
    public const string Rule = "publicity-5-working-days";
    public const string Clause = "四(一)";
    public const int MinimumWorkingDays = 5;

    /// <summary>Every breach, in words for the auditor, in the order the events show them.</summary>
    public static IReadOnlyList<RuleViolation> Verify(IEnumerable<object> events, Func<string, WorkingDayCalendar?> calendarByVersion) =>
        [.. Check(events, calendarByVersion).Select(v => v.ToRuleViolation())];

    /// <summary>
    /// Every breach, event by event, each naming the part of the rule it breaks and the events (by position in
    /// <paramref name="events"/>) it concerns. Events that are not the publicity rule's (any other type, or null for
    /// data that could not be read) are passed over.
    /// </summary>
    public static IReadOnlyList<PublicityViolation> Check(IEnumerable<object?> events, Func<string, WorkingDayCalendar?> calendarByVersion)
    {
        var violations = new List<PublicityViolation>();
        (Published Event, int At)? published = null;
        var finalApproved = false;

        // Lodged and not yet resolved, by objection, with where it was lodged; a breach cites them in the dictionary's
        // order (lodging order until one is resolved: a later one then takes its place), as the audit always has.
        var openObjections = new Dictionary<Guid, int>();
        var at = -1;
        void Fail(PublicityBreach breach, IReadOnlyList<int> concerns, string chinese, string english) =>
            violations.Add(new PublicityViolation(breach, at, concerns, chinese, english));

        foreach (var @event in events)
        {
            at++;
            switch (@event)
            {
                case FinalApproved:
                    finalApproved = true;
                    break;
                case Published p:
                    if (!finalApproved)
                    {
                        Fail(PublicityBreach.PublishedBeforeApproval, [at], "公示发生在终审通过之前。", "Published before final approval.");
                    }

                    published = (p, at);
                    foreach (var period in PeriodViolations(p, calendarByVersion(p.CalendarVersion)))
                    {
                        Fail(PublicityBreach.Period, [at], period.Chinese, period.English);
                    }

                    break;
                case ObjectionLodged lodged:
                    openObjections[lodged.ObjectionId] = at;
                    break;
                case ObjectionResolved resolved:
                    openObjections.Remove(resolved.ObjectionId);
                    break;
                case PublicityCompleted completed:
                    if (published is not { } publication)
                    {
                        Fail(PublicityBreach.CompletedWithoutPublication, [at], "公示完成但没有公示记录。", "Publicity completed without a Published event.");
                    }
                    else if (completed.ProofDate <= publication.Event.End)
                    {
                        Fail(PublicityBreach.ProofNotAfterEnd, [publication.At, at],
                            $"公示证明日期 {completed.ProofDate:yyyy-MM-dd} 不晚于公示结束日 {publication.Event.End:yyyy-MM-dd}（不可结束日期当日出具）。",
                            $"Proof dated {completed.ProofDate:yyyy-MM-dd}, not after the end date {publication.Event.End:yyyy-MM-dd}.");
                    }

                    if (openObjections.Count > 0)
                    {
                        Fail(PublicityBreach.CompletedWithObjectionOpen, [.. openObjections.Values, at],
                            $"仍有 {openObjections.Count} 件异议未处理时即完成公示。", $"Completed with {openObjections.Count} objection(s) still open.");
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

        // A forged or corrupted event can end before it starts: that is a finding, and counting it would throw.
        if (p.End < p.Start)
        {
            Fail($"公示结束日 {p.End:yyyy-MM-dd} 早于开始日 {p.Start:yyyy-MM-dd}。", $"Publicity ends {p.End:yyyy-MM-dd}, before it starts {p.Start:yyyy-MM-dd}.");
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
