using TitleReview.Contracts.Applications;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain;
using TitleReview.Review.Features.ChecklistChecks;

namespace TitleReview.Review.UnitTests;

public sealed class ChecklistDeciderTests
{
    private static readonly Guid Id = Guid.Parse("0193a000-0000-7000-8000-000000000002");
    private static readonly DateTimeOffset Now = new(2023, 6, 2, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly string[] Keys = ["education-verification", "academic-misconduct", "academic-misconduct.2"];

    private static ChecklistState State(ApplicationStatus status = ApplicationStatus.UnderReview, string? reviewer = "reviewer-wang") =>
        new(Id, status, reviewer, Keys);

    private static Refusal Refused(Decision<ChecklistItemChecked> decision)
    {
        Assert.False(decision.Accepted(out _, out var refusal));
        return refusal;
    }

    [Fact]
    public void The_reviewer_holding_the_claim_checks_an_item_with_the_note_trimmed()
    {
        Assert.True(ChecklistDecider.Decide(State(), new CheckItem("reviewer-wang", "academic-misconduct.2", "  知网检测 3%，本人第一作者。 \n"), Now)
            .Accepted(out var checkedItem, out _));

        Assert.Equal(new ChecklistItemChecked(Id, "academic-misconduct.2", "知网检测 3%，本人第一作者。", "reviewer-wang", Now), checkedItem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void A_note_is_optional(string? note)
    {
        Assert.True(ChecklistDecider.Decide(State(), new CheckItem("reviewer-wang", "education-verification", note), Now).Accepted(out var checkedItem, out _));
        Assert.Equal("", checkedItem.Note);
    }

    [Fact]
    public void A_note_of_500_characters_is_accepted_and_501_is_refused_naming_the_field()
    {
        Assert.False(ChecklistDecider.Decide(State(), new CheckItem("reviewer-wang", "education-verification", new string('核', 500)), Now).IsRefused);

        var refusal = Refused(ChecklistDecider.Decide(State(), new CheckItem("reviewer-wang", "education-verification", new string('核', 501)), Now));

        Assert.Equal(RefusalKind.Invalid, refusal.Kind);
        Assert.Contains("500", Assert.Single(refusal.Fields!["note"]).Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_not_on_the_checklist_is_not_found()
    {
        var refusal = Refused(ChecklistDecider.Decide(State(), new CheckItem("reviewer-wang", "no-such-item", null), Now));

        Assert.Equal(RefusalKind.NotFound, refusal.Kind);
        Assert.Equal("checklist-item-not-found", refusal.Code);
    }

    [Theory]
    [InlineData(ApplicationStatus.Submitted)]
    [InlineData(ApplicationStatus.Resubmitted)]
    [InlineData(ApplicationStatus.RevisionRequested)]
    [InlineData(ApplicationStatus.FinalApproved)]
    [InlineData(ApplicationStatus.Rejected)]
    public void Items_are_checked_only_while_under_review(ApplicationStatus status)
    {
        var refusal = Refused(ChecklistDecider.Decide(State(status), new CheckItem("reviewer-wang", "education-verification", null), Now));

        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.Equal("review-status", refusal.Code);
    }

    [Fact]
    public void Only_the_reviewer_holding_the_claim_may_check_and_the_refusal_names_the_holder()
    {
        var refusal = Refused(ChecklistDecider.Decide(State(), new CheckItem("reviewer-li", "education-verification", null), Now));

        Assert.Equal("review-claimed", refusal.Code);
        Assert.Contains("reviewer-wang", refusal.Reason.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclaimed_file_is_claimed_before_its_items_are_checked()
    {
        Assert.Equal("review-not-claimed", Refused(ChecklistDecider.Decide(State(reviewer: null), new CheckItem("reviewer-wang", "education-verification", null), Now)).Code);
    }

    [Fact]
    public void Repeated_codes_are_keyed_by_their_order_so_each_item_is_named_once()
    {
        ChecklistItem Item(string code) => new(code, "四(三)3", "AcademicOutputs", code, "");

        var keys = ChecklistKeys.Of([Item("academic-misconduct"), Item("report-content"), Item("academic-misconduct"), Item("academic-misconduct")]).Select(k => k.Key);

        Assert.Equal(["academic-misconduct", "report-content", "academic-misconduct.2", "academic-misconduct.3"], keys);
    }

    [Fact]
    public void A_check_made_before_a_resubmission_that_changed_its_module_is_marked()
    {
        var checklist = ChecklistKeys.Of([new("education-verification", "四(二)", "Education", "核验学历", ""), new("annual-assessments", "二(十二)", "Assessments", "核对考核", "")]);
        var education = new ChecklistItemChecked(Id, "education-verification", "", "reviewer-wang", Now);
        var assessments = new ChecklistItemChecked(Id, "annual-assessments", "", "reviewer-wang", Now);
        object[] history =
        [
            education, assessments,
            new ApplicationResubmitted(Id, ["学历情况"], Now.AddDays(1)),
        ];

        var latest = ChecklistCheck.Latest(history, checklist);

        Assert.True(latest["education-verification"].ModuleChangedSince);
        Assert.False(latest["annual-assessments"].ModuleChangedSince);
    }
}
