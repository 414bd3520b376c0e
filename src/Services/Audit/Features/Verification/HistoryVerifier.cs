using TitleReview.Audit.Features.History;
using TitleReview.Audit.Features.Verification.Rules;
using TitleReview.Domain.Cycles;
using TitleReview.Domain.Publicity;
using TitleReview.Domain.WorkingDays;

namespace TitleReview.Audit.Features.Verification;

/// <summary>
/// The audit's entry point: replays one application's history from its events alone and names every rule it breaks.
/// It trusts no service's tables and no message: only the order and content of the ledger, the cycle the submission
/// named, and the calendar version each publication recorded (the shipped data, or the shipped data with the imports
/// the version names). Pure, so a verification over every stream is a loop over this. Each family of rules is its own
/// pure function over the replayed history (Rules/); this only runs them and lists their findings event by event.
/// </summary>
public static class HistoryVerifier
{
    public static IReadOnlyList<Finding> Verify(
        IReadOnlyList<LedgerEvent> history, WorkingDayCalendarSet? calendars = null, ReviewCycleCatalogue? cycles = null)
    {
        var catalogue = cycles ?? ReviewCycleCatalogue.Shipped;
        Func<string, WorkingDayCalendar?> calendarByVersion = calendars is null ? PublicityRuleCheck.ShippedCalendar : calendars.ForVersion;
        var replayed = ReplayedHistory.Of(history, catalogue);

        // Within one event, findings keep this order: the record itself, then what may not follow a terminal event,
        // then the start of the history, then the event's own rule.
        IEnumerable<Found>[] byFamily =
        [
            EventRecordRules.Check(replayed),
            TerminalRule.Check(replayed),
            SubmissionRules.StartsWithSubmission(replayed),
            SubmissionRules.InsideWindow(replayed, catalogue),
            RevisionRule.Check(replayed),
            PublicityRules.Check(replayed, calendarByVersion),
            FeeRules.Check(replayed),
            CommitteeRules.Check(replayed, catalogue),
            CertificateRule.Check(replayed),
        ];

        // OrderBy is stable: findings at the same event stay in the order above.
        return [.. byFamily.SelectMany(found => found).OrderBy(found => found.At)
            .Select(found => new Finding(history[0].ApplicationId, found.Rule.Code, found.Rule.Clause, found.Chinese, found.English, found.Sequences))];
    }
}
