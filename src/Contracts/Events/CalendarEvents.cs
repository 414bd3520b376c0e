namespace TitleReview.Contracts.Events;

/// <summary>
/// An event of the working-day calendar's own stream (<see cref="WorkingDayCalendarStream.Id"/>), not of an application:
/// the lifecycle folds and the audit's application rules do not apply to it.
/// </summary>
public interface ICalendarEvent;

/// <summary>The one ledger stream that holds every imported calendar year, readable by every service.</summary>
public static class WorkingDayCalendarStream
{
    public static readonly Guid Id = new("c41e0da2-0000-4000-8000-00000000da75");
}

/// <summary>
/// Owned by Publicity. One year of the State Council's holiday notice as an administrator loaded it: the days off and
/// weekend make-up working days (each date listed, no ranges), the notice it came from, who loaded it and when.
/// <paramref name="Version"/> counts the year's versions (the shipped data of a year is version 1), so a Published
/// event that recorded a calendar version can be replayed with exactly the data it was counted with.
/// </summary>
public sealed record WorkingDayCalendarImported(
    int Year,
    int Version,
    IReadOnlyList<DateOnly> DaysOff,
    IReadOnlyList<DateOnly> MakeUpWorkingDays,
    string Notice,
    DateOnly NoticeDate,
    string ImportedBy,
    DateTimeOffset ImportedAt) : ICalendarEvent;
