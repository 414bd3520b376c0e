using TitleReview.Domain;
using TitleReview.Domain.WorkingDays;
using TitleReview.Publicity.Features.Notices;

namespace TitleReview.Publicity.UnitTests.Notices;

public sealed class AutoPublishDecisionTests
{
    private static readonly TimeOnly NineOClock = new(9, 0);
    private static readonly AutoPublishState NeverRan = new(WorkingDayCalendar.Official, null);

    /// <summary>An instant given as Beijing wall-clock time.</summary>
    private static DateTimeOffset Beijing(int year, int month, int day, int hour, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, ChinaTime.Offset);

    private static Decision<AutoPublishRun> Decide(AutoPublishState state, DateTimeOffset now) =>
        NoticeAutoPublishJob.Decide(state, new AutoPublishTick(NineOClock, now));

    [Fact]
    public void On_a_working_day_at_the_configured_time_it_publishes_and_records_the_day()
    {
        Assert.True(Decide(NeverRan, Beijing(2023, 6, 1, 9, 0)).Accepted(out var run, out _));

        Assert.Equal((AutoPublishRun.Key, new DateOnly(2023, 6, 1)), (run.Id, run.LastRunDate));
    }

    [Fact]
    public void One_second_before_the_configured_time_it_waits()
    {
        Assert.Same(NoticeAutoPublishJob.NotYet, Decide(NeverRan, Beijing(2023, 6, 1, 8, 59, 59)).Refusal);
    }

    [Fact]
    public void A_service_down_at_the_time_publishes_when_it_comes_back_the_same_day()
    {
        Assert.Equal(new DateOnly(2023, 6, 1), Decide(NeverRan, Beijing(2023, 6, 1, 23, 59, 59)).Outcome!.LastRunDate);
    }

    [Fact]
    public void The_day_and_the_time_are_beijings_whatever_the_utc_date()
    {
        // 17:30 UTC on 1 June is 01:30 on Friday 2 June in Beijing.
        var tick = new AutoPublishTick(new TimeOnly(1, 0), new DateTimeOffset(2023, 6, 1, 17, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2023, 6, 2), NoticeAutoPublishJob.Decide(NeverRan, tick).Outcome!.LastRunDate);
    }

    [Theory]
    [InlineData(2023, 6, 3)]   // Saturday
    [InlineData(2023, 6, 4)]   // Sunday
    [InlineData(2023, 6, 22)]  // 端午, a Thursday off
    public void On_a_day_that_is_not_a_working_day_it_does_not_publish(int year, int month, int day)
    {
        var refusal = Decide(NeverRan, Beijing(year, month, day, 10)).Refusal;

        Assert.Same(NoticeAutoPublishJob.NotAWorkingDay, refusal);
        Assert.Equal((RefusalKind.BreaksRule, "auto-publish-working-day"), (refusal!.Kind, refusal.Code));
    }

    [Fact]
    public void On_a_weekend_make_up_working_day_it_publishes()
    {
        Assert.False(Decide(NeverRan, Beijing(2023, 6, 25, 10)).IsRefused);
    }

    [Fact]
    public void Once_it_has_run_today_it_does_not_run_again()
    {
        var refusal = Decide(NeverRan with { LastRunDate = new DateOnly(2023, 6, 1) }, Beijing(2023, 6, 1, 17)).Refusal;

        Assert.Same(NoticeAutoPublishJob.AlreadyToday, refusal);
        Assert.Equal((RefusalKind.Conflict, "auto-publish-done"), (refusal!.Kind, refusal.Code));
    }

    [Fact]
    public void A_run_recorded_for_a_later_day_is_not_repeated_when_the_clock_is_behind()
    {
        Assert.Same(NoticeAutoPublishJob.AlreadyToday, Decide(NeverRan with { LastRunDate = new DateOnly(2023, 6, 2) }, Beijing(2023, 6, 1, 10)).Refusal);
    }

    [Fact]
    public void Having_run_on_the_previous_working_day_it_runs_again_today()
    {
        Assert.Equal(new DateOnly(2023, 6, 5), Decide(NeverRan with { LastRunDate = new DateOnly(2023, 6, 2) }, Beijing(2023, 6, 5, 9)).Outcome!.LastRunDate);
    }

    [Fact]
    public void A_day_in_a_year_not_loaded_waits_for_the_calendar()
    {
        Assert.Equal(2027, Assert.Throws<CalendarYearNotLoadedException>(() => Decide(NeverRan, Beijing(2027, 1, 4, 10))).Year);
    }

    [Fact]
    public void The_checks_go_working_day_then_time_then_last_run()
    {
        var ranToday = NeverRan with { LastRunDate = new DateOnly(2023, 6, 3) };

        Assert.Same(NoticeAutoPublishJob.NotAWorkingDay, Decide(ranToday, Beijing(2023, 6, 3, 8)).Refusal);
        Assert.Same(NoticeAutoPublishJob.NotYet, Decide(NeverRan with { LastRunDate = new DateOnly(2023, 6, 1) }, Beijing(2023, 6, 1, 8)).Refusal);
    }
}
