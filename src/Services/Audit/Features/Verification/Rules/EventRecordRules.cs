using TitleReview.Contracts.Events;

namespace TitleReview.Audit.Features.Verification.Rules;

/// <summary>
/// The rules on the records themselves (design.md, event ownership): every event's type is registered and its data
/// readable, and it was appended by the service that owns it. The working-day calendar's own stream holds no
/// application: its events are checked for being readable and appended by their owner, and nothing else.
/// </summary>
public static class EventRecordRules
{
    public static IEnumerable<Found> Check(ReplayedHistory history)
    {
        for (var at = 0; at < history.Events.Count; at++)
        {
            var @event = history.Events[at];
            if (@event.Data is ICalendarEvent calendarEvent)
            {
                if (@event.ApplicationId != WorkingDayCalendarStream.Id)
                {
                    yield return new Found(at, AuditRules.KnownEvent, [@event.Sequence], $"日历事件“{@event.Type}”出现在申报的事件流中。", $"Calendar event '{@event.Type}' inside an application's stream.");
                }
                else if (NotByOwner(at, @event, calendarEvent) is { } found)
                {
                    yield return found;
                }
            }
            else if (@event.Data is not IApplicationEvent data)
            {
                yield return new Found(at, AuditRules.KnownEvent, [@event.Sequence], $"事件类型“{@event.Type}”未登记或内容无法读取。", $"Event type '{@event.Type}' is unknown or its data unreadable.");
            }
            else if (NotByOwner(at, @event, data) is { } found)
            {
                yield return found;
            }
        }
    }

    private static Found? NotByOwner(int at, History.LedgerEvent @event, object data)
    {
        var owner = EventCatalog.For(data.GetType()).Owner.ToString();
        return string.Equals(@event.Service, owner, StringComparison.Ordinal) ? null
            : new Found(at, AuditRules.AppendedByOwner, [@event.Sequence],
                $"“{@event.Type}”应由 {owner} 服务写入，实际写入者为 {@event.Service ?? "未知"}。",
                $"'{@event.Type}' belongs to {owner} but was appended by {@event.Service ?? "an unknown writer"}.");
    }
}
