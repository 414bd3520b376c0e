using TitleReview.Audit.Features.Verification;
using TitleReview.Audit.Features.Verification.Rules;
using TitleReview.Contracts.Events;
using TitleReview.Domain.Publicity;
using static TitleReview.Audit.UnitTests.Verification.Ledger;

namespace TitleReview.Audit.UnitTests.Verification;

/// <summary>The publicity rule as the domain checks it, filed under the audit's rules.</summary>
public sealed class PublicityRulesTests
{
    private static List<Found> Check(List<object> history) => [.. PublicityRules.Check(Replayed(history), PublicityRuleCheck.ShippedCalendar)];

    private static ObjectionLodged Lodged(Guid objection) => new(Id, objection, "材料不实", At.AddDays(6));

    private static ObjectionResolved Resolved(Guid objection) => new(Id, objection, false, "不成立", At.AddDays(7));

    [Fact]
    public void The_clean_history_keeps_the_publicity_rule()
    {
        Assert.Empty(Check(Clean()));
    }

    [Fact]
    public void A_proof_dated_the_day_after_the_end_date_is_kept()
    {
        Assert.Empty(Check(Clean().With(Completed, Completion(PublicityEnd.AddDays(1)))));
    }

    [Fact]
    public void A_proof_dated_on_the_end_date_cites_the_publication_and_the_completion()
    {
        var found = Assert.Single(Check(Clean().With(Completed, Completion(PublicityEnd))));

        Assert.Equal(AuditRules.PublicityCompletion, found.Rule);
        Assert.Equal([SequenceAt(PublishedAt), SequenceAt(Completed)], found.Sequences);
        Assert.Equal("公示证明日期 2023-06-09 不晚于公示结束日 2023-06-09。", found.Chinese);
        Assert.Equal("Proof dated 2023-06-09, not after the end date 2023-06-09.", found.English);
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("2023-06-08")]
    public void A_proof_dated_before_the_end_date_is_reported(string proof)
    {
        var found = Assert.Single(Check(Clean().With(Completed, Completion(DateOnly.Parse(proof, System.Globalization.CultureInfo.InvariantCulture)))));
        Assert.Equal(AuditRules.PublicityCompletion, found.Rule);
    }

    [Fact]
    public void A_proof_dated_9999_12_31_is_after_the_end_date()
    {
        Assert.Empty(Check(Clean().With(Completed, Completion(DateOnly.MaxValue))));
    }

    [Fact]
    public void The_proof_is_compared_with_the_latest_publication()
    {
        var again = Publication(start: new DateOnly(2023, 6, 12), end: new DateOnly(2023, 6, 16));
        var found = Assert.Single(Check(Clean().Inserting(PublishedAt + 1, again)));
        Assert.Equal([SequenceAt(PublishedAt + 1), SequenceAt(Completed + 1)], found.Sequences);
    }

    [Fact]
    public void A_completion_without_a_publication_is_reported()
    {
        var found = Assert.Single(Check(Clean().Without(PublishedAt)));

        Assert.Equal(AuditRules.PublicityCompletion, found.Rule);
        Assert.Equal([SequenceAt(Completed - 1)], found.Sequences);
        Assert.Equal("Publicity completed without a publication.", found.English);
    }

    [Fact]
    public void A_publication_before_approval_is_reported_under_its_own_rule()
    {
        var found = Assert.Single(Check(Clean().Swapping(Approved, PublishedAt)));

        Assert.Equal(AuditRules.PublishedAfterFinalApproval, found.Rule);
        Assert.Equal([SequenceAt(Approved)], found.Sequences);
        Assert.Equal("未终审通过即公示。", found.Chinese);
    }

    [Fact]
    public void A_publication_of_four_working_days_is_reported_twice_under_the_period()
    {
        // Short by its own count, and its dates cover only four working days.
        var findings = Check(Clean().With(PublishedAt, Publication(end: new DateOnly(2023, 6, 8), workingDays: 4)));

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(AuditRules.PublicityPeriod, f.Rule));
        Assert.All(findings, f => Assert.Equal([SequenceAt(PublishedAt)], f.Sequences));
        Assert.Equal("Publicity of 4 working days is shorter than 5.", findings[0].English);
        Assert.Contains("it must run to 2023-06-09 at least", findings[1].English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_publication_whose_end_was_moved_one_working_day_earlier_is_reported()
    {
        var found = Assert.Single(Check(Clean().With(PublishedAt, Publication(end: new DateOnly(2023, 6, 8)))));
        Assert.Contains("仅 4 个工作日", found.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void A_calendar_version_that_cannot_be_found_is_reported_not_guessed()
    {
        var found = Assert.Single(Check(Clean().With(PublishedAt, Publication(calendarVersion: "cn-1999.0"))));
        Assert.Equal("Calendar version 'cn-1999.0' recorded in Published is not available; the period cannot be re-checked.", found.English);
    }

    [Theory]
    [InlineData("0001-01-01", "0001-01-08", 1)]
    [InlineData("9999-12-31", "9999-12-31", 9999)]
    public void A_publication_in_a_year_the_calendar_does_not_hold_is_reported_not_guessed(string start, string end, int year)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var history = Clean()
            .With(PublishedAt, Publication(start: DateOnly.Parse(start, culture), end: DateOnly.Parse(end, culture)))
            .Without(Completed);

        var found = Assert.Single(Check(history));

        Assert.Equal(AuditRules.PublicityPeriod, found.Rule);
        Assert.Contains($"has no data for {year}", found.English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_publication_ending_before_it_starts_is_reported_and_the_replay_goes_on()
    {
        // It used to throw (the calendar refuses to count backwards), so one tampered Published failed a whole run.
        var history = Clean().With(PublishedAt, Publication(start: new DateOnly(2023, 6, 9), end: new DateOnly(2023, 6, 5)));

        var findings = Check(history);

        var reversed = Assert.Single(findings, f => f.Rule == AuditRules.PublicityPeriod);
        Assert.Equal("公示结束日 2023-06-05 早于开始日 2023-06-09。", reversed.Chinese);
        Assert.Equal([SequenceAt(PublishedAt)], reversed.Sequences);
    }

    [Fact]
    public void A_completion_with_objections_open_cites_them_and_then_itself()
    {
        Guid first = Guid.NewGuid(), second = Guid.NewGuid(), third = Guid.NewGuid();
        var history = Clean().Inserting(Completed, Lodged(first), Lodged(second), Resolved(first), Lodged(third));

        var found = Assert.Single(Check(history));

        // The open objections come in the order the check keeps them (a Dictionary: the third, lodged after the first
        // was resolved, takes the first's place), not in ledger order; the audit has cited them so since it was written.
        Assert.Equal(AuditRules.NoCompletionWithOpenObjection, found.Rule);
        Assert.Equal([SequenceAt(Completed + 3), SequenceAt(Completed + 1), SequenceAt(Completed + 4)], found.Sequences);
        Assert.Equal("仍有 2 件异议未处理时即完成公示。", found.Chinese);
        Assert.Equal("Completed with 2 objection(s) still open.", found.English);
    }

    [Fact]
    public void A_completion_after_every_objection_was_resolved_is_kept()
    {
        var objection = Guid.NewGuid();
        Assert.Empty(Check(Clean().Inserting(Completed, Lodged(objection), Resolved(objection))));
    }
}
