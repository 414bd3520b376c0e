using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain;
using TitleReview.Domain.Cycles;
using TitleReview.Domain.Lifecycle;
using TitleReview.Domain.WorkingDays;
using TitleReview.Publicity.Features.Notices;

namespace TitleReview.Publicity.UnitTests.Notices;

public sealed class PublishNoticesDecisionTests
{
    private static readonly DateTimeOffset Now = new(2023, 6, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly ReviewCycle Xishan = ReviewCycleCatalogue.Shipped.Get(ReviewCycleCatalogue.Xishan2023);
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Official;

    private static PublishNotices Command(DateOnly today) => new(Calendar, "officer-1", today, Now);

    private static PendingApplication Approved(string name, Action<ApplicationLifecycle>? change = null)
    {
        var id = Guid.CreateVersion7();
        var application = new ApplicationLifecycle
        {
            Id = id, CycleId = Xishan.Id, ApplicantName = name, Employer = "锡山某公司", Specialty = "机械工程", Level = TitleLevel.Engineer, FinalApproved = true,
        };
        change?.Invoke(application);
        return new PendingApplication(PendingNoticeEntry.For(application, Now.AddDays(-1)), application);
    }

    private static CycleQueue Queue(params PendingApplication[] pending) => new(Xishan, [], pending, Guid.CreateVersion7());

    [Fact]
    public void The_pending_applications_of_a_cycle_go_on_one_notice_numbered_first_of_the_year()
    {
        var first = Approved("公示甲");
        var second = Approved("公示乙");
        var queue = Queue(first, second);

        Assert.True(NoticePublisher.Decide([queue], Command(new DateOnly(2023, 6, 1))).Accepted(out var published, out _));

        var notice = Assert.Single(published).Notice;
        Assert.Equal(queue.NoticeId, notice.Id);
        Assert.Equal("2023-001", notice.Number);
        Assert.Equal(Xishan.Id, notice.CycleId);
        Assert.Equal(Xishan.CommitteeName, notice.CommitteeName);
        Assert.Equal((new DateOnly(2023, 6, 1), new DateOnly(2023, 6, 7), 5), (notice.Start, notice.End, notice.WorkingDays));
        Assert.Equal((Calendar.Version, Now, "officer-1"), (notice.CalendarVersion, notice.PublishedAt, notice.PublishedBy));
        Assert.Equal(
            [new NoticeEntry(first.Entry.Id, "公示甲", "锡山某公司", "机械工程", TitleLevel.Engineer), new NoticeEntry(second.Entry.Id, "公示乙", "锡山某公司", "机械工程", TitleLevel.Engineer)],
            notice.Entries);
    }

    [Fact]
    public void Each_application_on_the_notice_gets_a_published_event_and_a_period_with_the_calendar_version()
    {
        var first = Approved("公示甲");
        var second = Approved("公示乙");

        var published = Assert.Single(NoticePublisher.Decide([Queue(first, second)], Command(new DateOnly(2023, 6, 1))).Outcome!);

        var (start, end, id) = (new DateOnly(2023, 6, 1), new DateOnly(2023, 6, 7), published.Notice.Id);
        Assert.Equal(
            [new Published(first.Entry.Id, id, start, end, 5, Calendar.Version, Now), new Published(second.Entry.Id, id, start, end, 5, Calendar.Version, Now)],
            published.Events);
        Assert.Equal([first.Entry.Id, second.Entry.Id], published.Periods.Select(p => p.Id));
        Assert.All(published.Periods, p => Assert.Equal((id, start, end, Calendar.Version, false), (p.NoticeId, p.Start, p.End, p.CalendarVersion, p.Closed)));
    }

    [Fact]
    public void Published_on_a_saturday_the_period_starts_on_monday()
    {
        var notice = NoticePublisher.Decide([Queue(Approved("公示甲"))], Command(new DateOnly(2023, 6, 3))).Outcome![0].Notice;

        Assert.Equal((new DateOnly(2023, 6, 5), new DateOnly(2023, 6, 9)), (notice.Start, notice.End));
    }

    [Fact]
    public void The_period_skips_the_holiday_and_counts_the_weekend_make_up_day()
    {
        // 2023: 端午 22-24 June off, Sunday 25 June a working day.
        var notice = NoticePublisher.Decide([Queue(Approved("公示甲"))], Command(new DateOnly(2023, 6, 21))).Outcome![0].Notice;

        Assert.Equal((new DateOnly(2023, 6, 21), new DateOnly(2023, 6, 28)), (notice.Start, notice.End));
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(3, 5)]
    [InlineData(5, 5)]
    [InlineData(10, 10)]
    public void A_publicity_lasts_the_cycles_working_days_and_never_fewer_than_five(int configured, int expected)
    {
        var queue = Queue(Approved("公示甲")) with { Cycle = Xishan with { PublicityWorkingDays = configured } };

        var published = NoticePublisher.Decide([queue], Command(new DateOnly(2023, 6, 1))).Outcome![0];

        Assert.Equal(expected, published.Notice.WorkingDays);
        Assert.Equal(expected, Assert.Single(published.Events).WorkingDays);
        Assert.Equal(expected, Calendar.Count(published.Notice.Start, published.Notice.End));
    }

    [Fact]
    public void The_next_notice_of_a_cycle_takes_the_next_number()
    {
        var queue = Queue(Approved("公示甲")) with { IssuedNumbers = ["2023-001", "2023-002"] };

        Assert.Equal("2023-003", NoticePublisher.Decide([queue], Command(new DateOnly(2023, 6, 1))).Outcome![0].Notice.Number);
    }

    [Fact]
    public void A_number_already_issued_is_never_issued_again()
    {
        Assert.Equal("2023-004", NoticePublisher.NextNumber(2023, ["2023-001", "2023-003"]));
        Assert.Equal("2023-003", NoticePublisher.NextNumber(2023, ["2023-002", "2023-002"]));
    }

    [Fact]
    public void Numbers_run_past_nine_hundred_and_ninety_nine()
    {
        Assert.Equal("2023-1000", NoticePublisher.NextNumber(2023, [.. Enumerable.Range(1, 999).Select(n => $"2023-{n:000}")]));
    }

    public static TheoryData<string, Action<ApplicationLifecycle>> Stale => new()
    {
        { "already published", a => a.PublicityNoticeId = Guid.CreateVersion7() },
        { "withdrawn", a => a.Terminal = ApplicationStatus.Withdrawn },
        { "lapsed", a => a.Terminal = ApplicationStatus.Lapsed },
        { "not finally approved", a => a.FinalApproved = false },
    };

    [Theory]
    [MemberData(nameof(Stale))]
    public void An_application_that_may_no_longer_be_published_is_left_off_the_notice(string why, Action<ApplicationLifecycle> change)
    {
        var stale = Approved(why, change);
        var fresh = Approved("公示甲");

        var published = NoticePublisher.Decide([Queue(stale, fresh)], Command(new DateOnly(2023, 6, 1))).Outcome![0];

        Assert.Equal([fresh.Entry.Id], published.Notice.Entries.Select(e => e.ApplicationId));
        Assert.Equal([fresh.Entry.Id], published.Events.Select(e => e.ApplicationId));
        Assert.Equal([fresh.Entry.Id], published.Periods.Select(p => p.Id));
    }

    [Fact]
    public void A_notice_with_no_entry_left_is_not_published_and_nothing_pending_is_a_conflict()
    {
        var stale = Approved("公示甲", a => a.Terminal = ApplicationStatus.Withdrawn);
        var unknown = new PendingApplication(stale.Entry, null);

        var refusal = NoticePublisher.Decide([Queue(stale, unknown)], Command(new DateOnly(2023, 6, 1))).Refusal;

        Assert.Same(NoticePublisher.NothingPending, refusal);
        Assert.Equal((RefusalKind.Conflict, "notice-nothing-pending"), (refusal!.Kind, refusal.Code));
        Assert.Equal("没有待公示的申报。 / Nothing is waiting to be published.", refusal.Reason.ToString());
    }

    [Fact]
    public void An_empty_queue_publishes_nothing()
    {
        Assert.Same(NoticePublisher.NothingPending, NoticePublisher.Decide([], Command(new DateOnly(2023, 6, 1))).Refusal);
        Assert.Same(NoticePublisher.NothingPending, NoticePublisher.Decide([Queue()], Command(new DateOnly(2023, 6, 1))).Refusal);
    }

    [Fact]
    public void Each_cycle_gets_its_own_notice_and_a_cycle_with_nothing_left_gets_none()
    {
        var other = Xishan with { Id = "other-2023", CommitteeName = "另一评委会" };
        var xishan = Queue(Approved("公示甲")) with { IssuedNumbers = ["2023-001"] };
        var empty = new CycleQueue(other with { Id = "empty-2023" }, [], [Approved("公示乙", a => a.Terminal = ApplicationStatus.Withdrawn)], Guid.CreateVersion7());
        var second = new CycleQueue(other, [], [Approved("公示丙")], Guid.CreateVersion7());

        var published = NoticePublisher.Decide([xishan, empty, second], Command(new DateOnly(2023, 6, 1))).Outcome!;

        Assert.Equal([(xishan.NoticeId, "2023-002", Xishan.Id), (second.NoticeId, "2023-001", "other-2023")],
            published.Select(p => (p.Notice.Id, p.Notice.Number, p.Notice.CycleId)));
    }

    [Fact]
    public void A_period_reaching_a_year_not_loaded_is_refused_before_anything_is_decided()
    {
        // Official data ends with 2026: five working days from 2026-12-28 reach 2027.
        var missing = Assert.Throws<CalendarYearNotLoadedException>(() =>
            NoticePublisher.Decide([Queue(Approved("公示甲"))], Command(new DateOnly(2026, 12, 28))));

        Assert.Equal(2027, missing.Year);
    }

    [Fact]
    public void A_missing_year_stops_the_publication_even_when_every_entry_has_gone_stale()
    {
        var stale = Approved("公示甲", a => a.Terminal = ApplicationStatus.Withdrawn);

        Assert.Throws<CalendarYearNotLoadedException>(() => NoticePublisher.Decide([Queue(stale)], Command(new DateOnly(2026, 12, 28))));
    }

    [Fact]
    public void A_period_counted_with_an_imported_year_records_that_calendar_version()
    {
        var with2027 = Calendar.With([new CalendarYear(2027, 1, "test", [new DateOnly(2027, 1, 1)], [])]);

        var published = NoticePublisher.Decide([Queue(Approved("公示甲"))], Command(new DateOnly(2026, 12, 28)) with { Calendar = with2027 }).Outcome![0];

        Assert.Equal(new DateOnly(2027, 1, 4), published.Notice.End);
        Assert.Equal(with2027.Version, published.Notice.CalendarVersion);
        Assert.Equal(with2027.Version, Assert.Single(published.Events).CalendarVersion);
        Assert.NotEqual(Calendar.Version, with2027.Version);
    }
}
