using TitleReview.Contracts.Events;
using TitleReview.Domain.WorkingDays;

namespace TitleReview.Contracts.Tests;

/// <summary>Years after the shipped data arrive as imports in the ledger; every version stays replayable.</summary>
public sealed class ImportedCalendarTests
{
    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    // A made-up notice for 2027 (none was published when this was written): New Year off, a Saturday make-up day.
    private static WorkingDayCalendarImported Year2027(int version = 1, params string[] extraDaysOff) => new(
        2027, version, [D("2027-01-01"), .. extraDaysOff.Select(D)], [D("2027-01-09")], "测试通知 2027", D("2026-11-20"), "admin-li", new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Without_imports_the_current_calendar_is_the_shipped_one()
    {
        var set = new WorkingDayCalendarSet(WorkingDayCalendar.Official, []);

        Assert.Equal(WorkingDayCalendar.Official.Version, set.Current.Version);
        Assert.Same(WorkingDayCalendar.Official, set.ForVersion(WorkingDayCalendar.Official.Version));
        Assert.Throws<CalendarYearNotLoadedException>(() => set.Current.EndOfPeriod(D("2026-12-28"), 5));
    }

    [Fact]
    public void An_imported_year_extends_the_calendar_under_a_new_version()
    {
        var set = new WorkingDayCalendarSet(WorkingDayCalendar.Official, [Year2027()]);

        // 2026-12-28 (Mon) to 12-31 are four working days; 2027-01-01 is off, 01-04 (Mon) is the fifth.
        Assert.Equal(D("2027-01-04"), set.Current.EndOfPeriod(D("2026-12-28"), 5));
        Assert.True(set.Current.IsWorkingDay(D("2027-01-09")));
        Assert.Equal(WorkingDayCalendar.Official.Version + "+2027.1", set.Current.Version);
        Assert.Equal("测试通知 2027, 2026-11-20", set.Current.SourceOf(2027));
        // The shipped version still replays exactly as it did, without 2027.
        Assert.Throws<CalendarYearNotLoadedException>(() => set.ForVersion(WorkingDayCalendar.Official.Version)!.IsWorkingDay(D("2027-01-04")));
    }

    [Fact]
    public void A_new_version_of_a_year_replaces_it_and_the_old_version_still_replays()
    {
        var set = new WorkingDayCalendarSet(WorkingDayCalendar.Official, [Year2027(), Year2027(2, "2027-01-04")]);

        Assert.Equal(WorkingDayCalendar.Official.Version + "+2027.2", set.Current.Version);
        Assert.False(set.Current.IsWorkingDay(D("2027-01-04")));
        var first = set.ForVersion(WorkingDayCalendar.Official.Version + "+2027.1");
        Assert.NotNull(first);
        Assert.True(first.IsWorkingDay(D("2027-01-04")));
        Assert.Null(set.ForVersion(WorkingDayCalendar.Official.Version + "+2027.3"));
        Assert.Null(set.ForVersion("cn-1999.0"));
    }

    [Fact]
    public void A_shipped_year_can_be_superseded_by_an_explicit_new_version()
    {
        var corrected = new WorkingDayCalendarImported(2026, 2, [.. WorkingDayCalendar.Official.Year(2026)!.DaysOff, D("2026-12-31")],
            WorkingDayCalendar.Official.Year(2026)!.MakeUpWorkingDays, "更正通知", D("2026-11-01"), "admin-li", DateTimeOffset.UnixEpoch);
        var set = new WorkingDayCalendarSet(WorkingDayCalendar.Official, [corrected]);

        Assert.Equal(1, WorkingDayCalendar.Official.Year(2026)!.Version);
        Assert.Equal(WorkingDayCalendar.Official.Version + "+2026.2", set.Current.Version);
        Assert.False(set.Current.IsWorkingDay(D("2026-12-31")));
        Assert.True(WorkingDayCalendar.Official.IsWorkingDay(D("2026-12-31")));
    }

    [Theory]
    [InlineData("2026-11-30", false)] // 31 days before the last loaded day
    [InlineData("2026-12-01", true)]  // 30 days before
    [InlineData("2026-12-31", true)]
    [InlineData("2027-01-02", true)]  // already run out
    public void The_calendar_warns_from_30_days_before_it_runs_out(string today, bool warns)
    {
        var runway = CalendarRunway.Of(WorkingDayCalendar.Official, D(today));

        Assert.Equal(warns, runway.RunningOut);
        Assert.Equal(D("2026-12-31"), runway.LastDay);
        if (warns)
        {
            Assert.Contains("2026-12-31", runway.Description, StringComparison.Ordinal);
            Assert.Contains("2027", runway.Description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void After_the_next_year_is_imported_the_calendar_no_longer_warns()
    {
        var set = new WorkingDayCalendarSet(WorkingDayCalendar.Official, [Year2027()]);

        var runway = CalendarRunway.Of(set.Current, D("2026-12-01"));

        Assert.False(runway.RunningOut);
        Assert.Equal(D("2027-12-31"), runway.LastDay);
    }
}
