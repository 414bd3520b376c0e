using TitleReview.Contracts.Events;

namespace TitleReview.Publicity.Features.WorkingDays;

/// <summary>
/// The calendar stream folded for writing: every import so far, in order. Fetched for writing before an import so two
/// administrators loading the same year at once cannot both win (the second gets a 409 from the stream version).
/// </summary>
public sealed class CalendarImports
{
    public Guid Id { get; set; }

    public List<WorkingDayCalendarImported> Imports { get; set; } = [];

    public void Apply(WorkingDayCalendarImported imported) => Imports.Add(imported);
}
