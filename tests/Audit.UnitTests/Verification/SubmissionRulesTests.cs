using TitleReview.Audit.Features.Verification;
using TitleReview.Audit.Features.Verification.Rules;
using TitleReview.Domain.Cycles;
using TitleReview.Domain.WorkingDays;
using static TitleReview.Audit.UnitTests.Verification.Ledger;

namespace TitleReview.Audit.UnitTests.Verification;

public sealed class SubmissionRulesTests
{
    private static IEnumerable<Found> Window(List<object> history) => SubmissionRules.InsideWindow(Replayed(history), ReviewCycleCatalogue.Shipped);

    [Fact]
    public void The_clean_history_starts_with_one_submission_inside_the_window()
    {
        Assert.Empty(SubmissionRules.StartsWithSubmission(Replayed(Clean())));
        Assert.Empty(Window(Clean()));
    }

    [Fact]
    public void A_history_that_does_not_start_with_a_submission_is_reported_once()
    {
        var found = Assert.Single(SubmissionRules.StartsWithSubmission(Replayed(Clean().Without(Submitted))));

        Assert.Equal(AuditRules.StartsWithSubmission, found.Rule);
        Assert.Equal([SequenceAt(0)], found.Sequences);
        Assert.Equal("第一个事件是“review_started”，不是提交申报。", found.Chinese);
    }

    [Fact]
    public void A_second_submission_cites_the_first()
    {
        var found = Assert.Single(SubmissionRules.StartsWithSubmission(Replayed(Clean().Inserting(1, Submission()))));
        Assert.Equal([SequenceAt(0), SequenceAt(1)], found.Sequences);
        Assert.Equal("The application was submitted twice.", found.English);
    }

    [Fact]
    public void A_submission_after_the_first_event_cites_that_event_and_its_window_is_not_checked()
    {
        var history = Clean().Without(Submitted).Inserting(1, Submission(new DateTimeOffset(2023, 8, 1, 9, 0, 0, ChinaTime.Offset)));

        var findings = SubmissionRules.StartsWithSubmission(Replayed(history)).ToList();

        Assert.Equal([[SequenceAt(0)], [SequenceAt(0), SequenceAt(1)]], findings.Select(f => f.Sequences));
        Assert.Empty(Window(history));
    }

    [Theory]
    [InlineData("2023-05-22T00:00:00+08:00")] // the first day, Beijing midnight
    [InlineData("2023-07-31T23:59:59+08:00")] // the last day, one second before Beijing midnight
    [InlineData("2023-07-31T15:59:59+00:00")] // the same instant in UTC
    public void A_submission_on_either_end_of_the_window_is_inside(string at)
    {
        Assert.Empty(Window(Clean().With(Submitted, Submission(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)))));
    }

    [Theory]
    [InlineData("2023-05-21T23:59:59+08:00", "2023-05-21")]
    [InlineData("2023-05-21T15:59:59+00:00", "2023-05-21")] // still the 21st in Beijing
    [InlineData("2023-07-31T16:00:00+00:00", "2023-08-01")] // already the 1st in Beijing
    [InlineData("0001-01-01T08:00:00+08:00", "0001-01-01")]
    [InlineData("9999-12-31T23:59:59+08:00", "9999-12-31")]
    public void A_submission_outside_the_window_names_its_Beijing_date(string at, string day)
    {
        var found = Assert.Single(Window(Clean().With(Submitted, Submission(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)))));

        Assert.Equal(AuditRules.SubmissionInsideWindow, found.Rule);
        Assert.Equal($"Submitted on {day}, outside 2023-05-22 to 2023-07-31.", found.English);
    }

    [Fact]
    public void A_cycle_that_is_not_in_the_catalogue_is_reported_not_guessed()
    {
        var found = Assert.Single(Window(Clean().With(Submitted, Submission(cycle: "xishan-engineering-1999"))));
        Assert.Equal("Cycle 'xishan-engineering-1999' is unknown; the window cannot be re-checked.", found.English);
    }
}
