using TitleReview.Contracts.Events;
using TitleReview.Domain.Publicity;
using TitleReview.Domain.WorkingDays;

namespace TitleReview.Contracts.Tests;

public sealed class PublicityRuleCheckTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly Guid Notice = Guid.NewGuid();
    private static readonly string Version = WorkingDayCalendar.Official.Version;
    private static readonly DateTimeOffset At = new(2023, 9, 26, 2, 0, 0, TimeSpan.Zero);

    // 2023-09-27 + 5 working days crosses 国庆 and ends on Monday 2023-10-09 (Saturday 10-07 and Sunday 10-08 are make-up days).
    private static Published FairPublicity(DateOnly? end = null) =>
        new(Id, Notice, new DateOnly(2023, 9, 27), end ?? new DateOnly(2023, 10, 9), 5, Version, At);

    private static object[] History(Published published, DateOnly proof, params object[] between) =>
    [
        new FinalApproved(Id, "reviewer", At),
        published,
        .. between,
        new PublicityCompleted(Id, Notice, proof, At.AddDays(14)),
    ];

    [Fact]
    public void A_clean_history_gives_no_finding()
    {
        Assert.Empty(PublicityRuleCheck.Verify(History(FairPublicity(), new DateOnly(2023, 10, 10)), PublicityRuleCheck.ShippedCalendar));
    }

    [Fact]
    public void A_Published_whose_end_was_moved_one_working_day_earlier_is_reported()
    {
        // One working day before Monday 10-09 is the make-up Sunday 10-08.
        var tampered = FairPublicity(end: new DateOnly(2023, 10, 8));

        var finding = Assert.Single(PublicityRuleCheck.Verify(History(tampered, new DateOnly(2023, 10, 10)), PublicityRuleCheck.ShippedCalendar));

        Assert.Equal("四(一)", finding.Clause);
        Assert.Contains("仅 4 个工作日", finding.Chinese, StringComparison.Ordinal);
        Assert.Contains("2023-10-09", finding.English, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2023-10-09", "2023-09-27")]
    [InlineData("9999-12-31", "0001-01-01")]
    public void A_Published_that_ends_before_it_starts_is_a_finding_not_a_crash(string start, string end)
    {
        var reversed = new Published(Id, Notice, DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), 5, Version, At);

        var finding = Assert.Single(PublicityRuleCheck.Verify(History(reversed, new DateOnly(2023, 10, 10)), PublicityRuleCheck.ShippedCalendar));

        Assert.Equal("四(一)", finding.Clause);
        Assert.Contains($"早于开始日 {start}", finding.Chinese, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0001-01-01", "0001-01-31")]
    [InlineData("9999-12-01", "9999-12-31")]
    public void A_Published_in_a_year_no_calendar_holds_cannot_be_rechecked_and_says_so(string start, string end)
    {
        var outside = new Published(Id, Notice, DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), 5, Version, At);

        // Checked against a proof dated 2023-10-10: the year 9999 period's end is also after that proof, a second finding.
        var findings = PublicityRuleCheck.Verify(History(outside, new DateOnly(2023, 10, 10)), PublicityRuleCheck.ShippedCalendar);

        Assert.Contains(findings, finding => finding.Chinese.Contains($"没有 {start[..4].TrimStart('0')} 年的数据，无法复核", StringComparison.Ordinal));
    }

    [Fact]
    public void A_proof_dated_on_the_end_date_is_reported()
    {
        var finding = Assert.Single(PublicityRuleCheck.Verify(History(FairPublicity(), new DateOnly(2023, 10, 9)), PublicityRuleCheck.ShippedCalendar));
        Assert.Contains("不可结束日期当日出具", finding.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void Completion_with_an_open_objection_is_reported()
    {
        var objection = new ObjectionLodged(Id, Guid.NewGuid(), "材料不实", At.AddDays(2));
        var finding = Assert.Single(PublicityRuleCheck.Verify(History(FairPublicity(), new DateOnly(2023, 10, 10), objection), PublicityRuleCheck.ShippedCalendar));
        Assert.Contains("异议未处理", finding.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void A_calendar_version_that_cannot_be_found_is_reported_not_guessed()
    {
        var unknown = FairPublicity() with { CalendarVersion = "cn-1999.0" };
        var finding = Assert.Single(PublicityRuleCheck.Verify(History(unknown, new DateOnly(2023, 10, 10)), PublicityRuleCheck.ShippedCalendar));
        Assert.Contains("cn-1999.0", finding.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Fewer_than_five_working_days_is_reported_even_when_the_dates_agree()
    {
        var short3 = new Published(Id, Notice, new DateOnly(2023, 9, 27), new DateOnly(2023, 10, 7), 3, Version, At);
        var findings = PublicityRuleCheck.Verify(History(short3, new DateOnly(2023, 10, 11)), PublicityRuleCheck.ShippedCalendar);
        Assert.Contains(findings, f => f.English.Contains("shorter than 5", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_tags_each_breach_with_its_part_and_the_events_it_concerns()
    {
        // Published before the approval, for 4 working days by its own count, completed on its end date with an objection open.
        var short4 = FairPublicity() with { WorkingDays = 4 };
        object[] events =
        [
            short4,
            new FinalApproved(Id, "reviewer", At),
            new ObjectionLodged(Id, Guid.NewGuid(), "材料不实", At.AddDays(2)),
            new PublicityCompleted(Id, Notice, new DateOnly(2023, 10, 9), At.AddDays(14)),
        ];

        var breaches = PublicityRuleCheck.Check(events, PublicityRuleCheck.ShippedCalendar);

        Assert.Equal(
            [(PublicityBreach.PublishedBeforeApproval, 0), (PublicityBreach.Period, 0), (PublicityBreach.ProofNotAfterEnd, 3), (PublicityBreach.CompletedWithObjectionOpen, 3)],
            breaches.Select(b => (b.Breach, b.At)));
        Assert.Equal([0, 3], breaches[2].Concerns);
        Assert.Equal([2, 3], breaches[3].Concerns);
        Assert.Equal(PublicityRuleCheck.Verify(events, PublicityRuleCheck.ShippedCalendar), breaches.Select(b => b.ToRuleViolation()));
    }

    [Fact]
    public void Check_passes_over_events_that_are_not_the_rules_and_counts_their_positions()
    {
        object?[] events = [null, "unreadable", new FinalApproved(Id, "reviewer", At), new PublicityCompleted(Id, Notice, new DateOnly(2023, 10, 10), At)];

        var breach = Assert.Single(PublicityRuleCheck.Check(events, PublicityRuleCheck.ShippedCalendar));

        Assert.Equal(PublicityBreach.CompletedWithoutPublication, breach.Breach);
        Assert.Equal(3, breach.At);
        Assert.Equal([3], breach.Concerns);
    }
}
