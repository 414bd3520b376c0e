using TitleReview.Contracts.Events;
using TitleReview.Domain;
using TitleReview.Domain.WorkingDays;
using TitleReview.Publicity.Features.WorkingDays;

namespace TitleReview.Publicity.UnitTests.WorkingDays;

public sealed class ImportCalendarYearDecisionTests
{
    /// <summary>10:00 on 20 November 2026 in Beijing.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    private static readonly WorkingDayCalendarSet Shipped = new(WorkingDayCalendar.Official, []);

    private static readonly ImportCalendarYearRequest Year2027 = new(2027, ["2027-01-01", "2027-02-06..2027-02-13"], ["2027-02-20"],
        "  国务院办公厅关于2027年部分节假日安排的通知  ", "2026-11-12");

    private static Decision<CalendarImport> Decide(ImportCalendarYearRequest? request, WorkingDayCalendarSet? loaded = null, DateTimeOffset? now = null) =>
        ImportCalendarYear.Decide(loaded ?? Shipped, new ImportCalendarYearCommand(request, "admin-1", now ?? Now));

    private static IReadOnlyDictionary<string, IReadOnlyList<Bilingual>> Errors(ImportCalendarYearRequest? request, DateTimeOffset? now = null)
    {
        var refusal = Decide(request, now: now).Refusal;
        Assert.NotNull(refusal);
        Assert.Equal((RefusalKind.Invalid, "validation"), (refusal.Kind, refusal.Code));
        return refusal.Fields!;
    }

    private static WorkingDayCalendarImported Imported(Decision<CalendarImport> decision) =>
        Assert.IsType<CalendarImport.Imported>(decision.Outcome).Event;

    [Fact]
    public void A_year_not_loaded_is_imported_as_its_first_version_with_every_day_listed()
    {
        var imported = Imported(Decide(Year2027));

        Assert.Equal((2027, 1), (imported.Year, imported.Version));
        Assert.Equal([new DateOnly(2027, 1, 1), .. Enumerable.Range(6, 8).Select(day => new DateOnly(2027, 2, day))], imported.DaysOff);
        Assert.Equal([new DateOnly(2027, 2, 20)], imported.MakeUpWorkingDays);
        Assert.Equal(("国务院办公厅关于2027年部分节假日安排的通知", new DateOnly(2026, 11, 12)), (imported.Notice, imported.NoticeDate));
        Assert.Equal(("admin-1", Now), (imported.ImportedBy, imported.ImportedAt));
    }

    [Fact]
    public void Overlapping_and_repeated_days_off_are_listed_once_in_order()
    {
        var imported = Imported(Decide(Year2027 with { DaysOff = ["2027-02-10..2027-02-13", "2027-01-01", "2027-02-06..2027-02-11", "2027-01-01"] }));

        Assert.Equal([new DateOnly(2027, 1, 1), .. Enumerable.Range(6, 8).Select(day => new DateOnly(2027, 2, day))], imported.DaysOff);
    }

    [Fact]
    public void The_same_days_again_change_nothing_whatever_the_order_or_the_notice_text()
    {
        var loaded = new WorkingDayCalendarSet(WorkingDayCalendar.Official, [Imported(Decide(Year2027))]);

        var again = Decide(Year2027 with { DaysOff = ["2027-02-06..2027-02-13", "2027-01-01"], Notice = "另一写法" }, loaded);

        var unchanged = Assert.IsType<CalendarImport.Unchanged>(again.Outcome);
        Assert.Equal((2027, 1), (unchanged.Loaded.Year, unchanged.Loaded.Version));
    }

    [Fact]
    public void A_shipped_year_imported_again_with_its_own_days_changes_nothing()
    {
        var shipped = WorkingDayCalendar.Official.Year(2026)!;
        var request = new ImportCalendarYearRequest(2026, [.. shipped.DaysOff.Select(d => d.ToString("yyyy-MM-dd"))],
            [.. shipped.MakeUpWorkingDays.Select(d => d.ToString("yyyy-MM-dd"))], "国务院办公厅关于2026年部分节假日安排的通知", "2025-11-04");

        Assert.Same(shipped, Assert.IsType<CalendarImport.Unchanged>(Decide(request).Outcome).Loaded);
    }

    [Fact]
    public void Different_days_for_a_loaded_year_are_refused_without_new_version_in_the_words_they_always_had()
    {
        var loaded = new WorkingDayCalendarSet(WorkingDayCalendar.Official, [Imported(Decide(Year2027))]);

        var refusal = Decide(Year2027 with { DaysOff = ["2027-01-01"] }, loaded).Refusal;

        Assert.NotNull(refusal);
        Assert.Equal((RefusalKind.Conflict, "calendar-year-loaded", (string?)null), (refusal.Kind, refusal.Code, refusal.Clause));
        Assert.Equal(
            "2027年工作日安排已载入（第1版，国务院办公厅关于2027年部分节假日安排的通知, 2026-11-12），与本次内容不同；如确为更正，请以 newVersion: true 导入新版本。"
            + " / The working-day calendar for 2027 is already loaded (version 1, 国务院办公厅关于2027年部分节假日安排的通知, 2026-11-12) with different days; to correct it, import it again with newVersion: true.",
            refusal.Reason.ToString());
    }

    [Fact]
    public void Different_days_with_new_version_are_the_next_version_of_the_year()
    {
        var first = Imported(Decide(Year2027));
        var second = Imported(Decide(Year2027 with { DaysOff = ["2027-01-01"], NewVersion = true }, new(WorkingDayCalendar.Official, [first])));

        var third = Imported(Decide(Year2027 with { DaysOff = ["2027-01-01", "2027-10-01"], NewVersion = true }, new(WorkingDayCalendar.Official, [first, second])));

        Assert.Equal((2, 3), (second.Version, third.Version));
    }

    [Fact]
    public void A_correction_of_a_shipped_year_is_its_version_two()
    {
        var request = new ImportCalendarYearRequest(2026, ["2026-01-01"], [], "更正", "2025-11-04", NewVersion: true);

        Assert.Equal((2026, 2), (Imported(Decide(request)).Year, Imported(Decide(request)).Version));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    [InlineData(1999)]
    [InlineData(2100)]
    [InlineData(9999)]
    public void A_year_outside_2000_to_2099_is_the_only_error_named(int? year)
    {
        var errors = Errors(Year2027 with { Year = year, Notice = null, DaysOff = [] });

        Assert.Equal("year 须为 2000 到 2099 的年份。 / year must be a year from 2000 to 2099.", Assert.Single(Assert.Single(errors).Value).ToString());
        Assert.Equal("year", errors.Keys.Single());
    }

    [Fact]
    public void No_request_at_all_names_the_year()
    {
        Assert.Equal(["year"], Errors(null).Keys);
    }

    [Fact]
    public void The_first_and_last_years_accepted_are_2000_and_2099()
    {
        Assert.False(Decide(new ImportCalendarYearRequest(2000, ["2000-01-01"], [], "2000年通知", "1999-12-01")).IsRefused);
        Assert.False(Decide(new ImportCalendarYearRequest(2099, ["2099-01-01"], [], "2099年通知", "2098-12-01"), now: new DateTimeOffset(2098, 12, 1, 0, 0, 0, TimeSpan.Zero)).IsRefused);
    }

    [Theory]
    [InlineData("2026-11-20", true)]     // today, in Beijing
    [InlineData("2026-11-21", false)]    // tomorrow
    [InlineData("2027-01-01", false)]
    [InlineData("2026-01-01", true)]     // the year before the year imported
    [InlineData("2025-12-31", false)]    // two years before
    [InlineData("0001-01-01", false)]
    [InlineData("9999-12-31", false)]
    public void A_notice_is_dated_in_the_year_or_the_year_before_and_not_after_today(string noticeDate, bool valid)
    {
        var decision = Decide(Year2027 with { NoticeDate = noticeDate });

        Assert.Equal(valid, !decision.IsRefused);
        if (!valid)
        {
            Assert.Equal("通知日期须在 2026 或 2027 年内，且不晚于今天。 / noticeDate must fall in 2026 or 2027 and not after today.",
                Assert.Single(decision.Refusal!.Fields!["noticeDate"]).ToString());
        }
    }

    [Fact]
    public void Today_is_the_beijing_date_of_now()
    {
        // 16:30 UTC on 31 December 2026 is already 1 January 2027 in Beijing.
        var newYearsNight = new DateTimeOffset(2026, 12, 31, 16, 30, 0, TimeSpan.Zero);

        Assert.False(Decide(Year2027 with { NoticeDate = "2027-01-01" }, now: newYearsNight).IsRefused);
        Assert.True(Decide(Year2027 with { NoticeDate = "2027-01-01" }, now: newYearsNight.AddHours(-1)).IsRefused);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2026/11/12")]
    [InlineData("2026-11-31")]
    [InlineData("")]
    public void A_notice_date_that_is_not_a_date_is_named(string? noticeDate)
    {
        Assert.Equal("须填写通知日期 YYYY-MM-DD。 / noticeDate must be a date as YYYY-MM-DD.",
            Assert.Single(Errors(Year2027 with { NoticeDate = noticeDate })["noticeDate"]).ToString());
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("   ", false)]
    [InlineData(200, true)]
    [InlineData(201, false)]
    public void A_notice_name_is_required_and_at_most_two_hundred_characters(object? notice, bool valid)
    {
        var text = notice is int length ? " " + new string('通', length) + " " : (string?)notice;

        Assert.Equal(valid, !Decide(Year2027 with { Notice = text }).IsRefused);
        if (!valid)
        {
            Assert.Equal("须填写通知名称与文号（不超过200字）。 / notice (the notice's name and number, at most 200 characters) is required.",
                Assert.Single(Errors(Year2027 with { Notice = text })["notice"]).ToString());
        }
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void Days_off_list_one_to_a_hundred_entries(int count, bool valid)
    {
        var daysOff = Enumerable.Range(0, count).Select(i => new DateOnly(2027, 3, 1).AddDays(i).ToString("yyyy-MM-dd")).ToList();

        Assert.Equal(valid, !Decide(Year2027 with { DaysOff = daysOff, MakeUpWorkingDays = [] }).IsRefused);
    }

    [Fact]
    public void No_days_off_at_all_is_named()
    {
        Assert.Equal("须列出放假日期（1到100项）。 / daysOff must list 1 to 100 dates or ranges.",
            Assert.Single(Errors(Year2027 with { DaysOff = null })["daysOff"]).ToString());
    }

    [Theory]
    [InlineData("2027-13-01")]
    [InlineData("2027-02-13..2027-02-06")]
    [InlineData("2027-01-01..2028-01-02")]   // longer than a year
    [InlineData("2027-01-01..")]
    [InlineData("")]
    public void A_day_off_that_is_not_a_date_or_a_range_is_named_with_its_text(string entry)
    {
        Assert.Equal($"“{entry}”不是日期 YYYY-MM-DD 或日期区间 YYYY-MM-DD..YYYY-MM-DD。 / '{entry}' is not a date or a range of dates.",
            Assert.Single(Errors(Year2027 with { DaysOff = [entry] })["daysOff"]).ToString());
    }

    [Theory]
    [InlineData("2026-12-31..2027-01-02")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("2028-01-01")]
    public void A_day_off_outside_the_year_is_refused_even_in_a_range_that_crosses_it(string entry)
    {
        Assert.Equal($"“{entry}”不在2027年内；跨年的假期只列出本年的日期。 / '{entry}' is outside 2027; list only this year's days of a holiday that crosses the year.",
            Assert.Single(Errors(Year2027 with { DaysOff = [entry] })["daysOff"]).ToString());
    }

    [Fact]
    public void A_weekend_day_off_is_accepted_as_the_notice_lists_it()
    {
        Assert.Contains(new DateOnly(2027, 1, 2), Imported(Decide(Year2027 with { DaysOff = ["2027-01-01..2027-01-03"] })).DaysOff);
    }

    [Theory]
    [InlineData("2027-02-15", "2027-02-15 不是周末：调休上班日只会是周六或周日。 / 2027-02-15 is not a weekend day: a make-up working day is a Saturday or Sunday.")]
    [InlineData("2027-02-06", "2027-02-06 同时列为放假日和上班日。 / 2027-02-06 is listed both as a day off and as a make-up working day.")]
    [InlineData("2026-11-01", "2026-11-01 不在2027年内。 / 2026-11-01 is outside 2027.")]
    [InlineData("9999-12-31", "9999-12-31 不在2027年内。 / 9999-12-31 is outside 2027.")]
    [InlineData("2027-02-20..2027-02-21", "“2027-02-20..2027-02-21”不是日期 YYYY-MM-DD。 / '2027-02-20..2027-02-21' is not a date.")]
    [InlineData("20.2.2027", "“20.2.2027”不是日期 YYYY-MM-DD。 / '20.2.2027' is not a date.")]
    public void A_make_up_working_day_is_one_weekend_date_of_the_year_that_is_not_a_day_off(string entry, string message)
    {
        Assert.Equal(message, Assert.Single(Errors(Year2027 with { MakeUpWorkingDays = [entry] })["makeUpWorkingDays"]).ToString());
    }

    [Fact]
    public void More_than_a_hundred_make_up_days_are_refused()
    {
        Assert.Equal("调休上班日期不超过100项。 / makeUpWorkingDays lists at most 100 dates.",
            Assert.Single(Errors(Year2027 with { MakeUpWorkingDays = [.. Enumerable.Repeat("2027-02-20", 101)] })["makeUpWorkingDays"]).ToString());
    }

    [Fact]
    public void Every_field_at_fault_is_named_at_once_each_with_every_message()
    {
        var errors = Errors(Year2027 with { Notice = "", NoticeDate = "2030-01-01", DaysOff = ["x", "2028-01-01"], MakeUpWorkingDays = ["2027-02-15", "y"] });

        Assert.Equal(["notice", "noticeDate", "daysOff", "makeUpWorkingDays"], errors.Keys);
        Assert.Equal(2, errors["daysOff"].Count);
        Assert.Equal(2, errors["makeUpWorkingDays"].Count);
    }

    [Fact]
    public void An_invalid_import_is_refused_before_the_loaded_year_is_looked_at()
    {
        var loaded = new WorkingDayCalendarSet(WorkingDayCalendar.Official, [Imported(Decide(Year2027))]);

        Assert.Equal(RefusalKind.Invalid, Decide(Year2027 with { NoticeDate = null }, loaded).Refusal?.Kind);
    }
}
