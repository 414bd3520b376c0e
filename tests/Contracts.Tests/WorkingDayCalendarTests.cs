using TitleReview.Domain.WorkingDays;

namespace TitleReview.Contracts.Tests;

public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Official;

    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(2023, 249)]
    [InlineData(2024, 251)]
    [InlineData(2025, 248)]
    [InlineData(2026, 248)]
    public void Yearly_totals_match_the_State_Council_notices(int year, int workingDays)
    {
        Assert.Equal(workingDays, Calendar.Count(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)));
    }

    [Theory]
    // 国庆 2023: 09-29..10-06 off, Saturday 10-07 and Sunday 10-08 are make-up working days.
    [InlineData("2023-09-27", 5, "2023-10-09")]
    [InlineData("2023-10-07", 2, "2023-10-08")]
    // 春节 2024: 02-10..02-17 off, Sunday 02-04 and Sunday 02-18 make-up; 02-09 (除夕) is a working day.
    [InlineData("2024-02-04", 5, "2024-02-08")]
    [InlineData("2024-02-07", 5, "2024-02-19")]
    [InlineData("2024-02-09", 2, "2024-02-18")]
    // 劳动节 2025: 05-01..05-05 off, Sunday 04-27 make-up.
    [InlineData("2025-04-27", 5, "2025-05-06")]
    // A start on a holiday, and on an ordinary weekend, begins on the next working day.
    [InlineData("2023-10-01", 1, "2023-10-07")]
    [InlineData("2023-06-03", 5, "2023-06-09")]
    // A start on a make-up Saturday counts that day.
    [InlineData("2023-04-23", 1, "2023-04-23")]
    // Across the year boundary (2025-12-31 Wednesday, 2026-01-01..03 off, Sunday 01-04 make-up).
    [InlineData("2025-12-30", 4, "2026-01-05")]
    public void Period_ends_follow_holidays_and_make_up_days(string start, int days, string end)
    {
        Assert.Equal(D(end), Calendar.EndOfPeriod(D(start), days));
    }

    [Fact]
    public void A_count_across_a_year_boundary_uses_both_notices()
    {
        // 2024-12-30, 12-31 working; 2025-01-01 off; 01-02, 01-03 working; 01-04, 01-05 weekend.
        Assert.Equal(4, Calendar.Count(D("2024-12-30"), D("2025-01-05")));
    }

    [Fact]
    public void A_year_without_a_loaded_notice_is_refused_not_guessed()
    {
        var refused = Assert.Throws<CalendarYearNotLoadedException>(() => Calendar.IsWorkingDay(D("2027-03-01")));
        Assert.Equal(2027, refused.Year);
        Assert.Contains("2027", refused.Message, StringComparison.Ordinal);
        Assert.Throws<CalendarYearNotLoadedException>(() => Calendar.EndOfPeriod(D("2026-12-28"), 10));
    }

    [Fact]
    public void The_source_of_each_year_is_recorded()
    {
        Assert.Equal("国办发明电〔2022〕16号, 2022-12-08", Calendar.SourceOf(2023));
        Assert.Equal([2023, 2024, 2025, 2026], Calendar.Years.Order());
        Assert.False(string.IsNullOrWhiteSpace(Calendar.Version));
    }
}
