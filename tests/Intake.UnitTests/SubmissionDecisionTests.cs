using Microsoft.AspNetCore.Http;
using TitleReview.Domain;
using TitleReview.Intake.Features.SubmitApplication;
using TitleReview.Intake.Features.SubmitApplication.Rules;
using TitleReview.Web.Http;

namespace TitleReview.Intake.UnitTests;

public sealed class SubmissionDecisionTests
{
    private static readonly Guid Id = Guid.Parse("0190a000-0000-7000-8000-0000000000aa");

    [Fact]
    public void A_complete_application_inside_the_window_is_submitted_with_its_checklist_and_attachments()
    {
        Assert.True(Submission.Decide(Examples.Facts(), Id, Examples.Now).Accepted(out var submitted, out _));
        Assert.Equal(Id, submitted.ApplicationId);
        Assert.Equal(Examples.Now, submitted.SubmittedAt);
        Assert.Equal(Examples.Cycle.Id, submitted.CycleId);
        Assert.Equal(SubmitApplicationRequest.CurrentSchemaVersion, submitted.SchemaVersion);
        Assert.NotEmpty(submitted.Checklist!);
        Assert.Equal(5, submitted.Attachments!.Select(a => a.Id).Distinct().Count());
    }

    [Fact]
    public void The_names_are_trimmed_and_the_phone_number_stays_out_of_the_ledger()
    {
        var request = Examples.Request with { ApplicantName = "  张工 ", Employer = " 无锡某机械有限公司\t" };
        Assert.True(Submission.Decide(Examples.Facts(request), Id, Examples.Now).Accepted(out var submitted, out _));
        Assert.Equal("张工", submitted.ApplicantName);
        Assert.Equal("无锡某机械有限公司", submitted.Employer);
        Assert.Null(submitted.Dossier!.Basic!.Phone);
    }

    [Fact]
    public void The_first_and_last_days_of_the_window_are_inside_it_and_the_days_around_it_are_refused()
    {
        Assert.False(Submission.Decide(Examples.On(Examples.Cycle.SubmissionOpens), Id, Examples.Now).IsRefused);
        Assert.False(Submission.Decide(Examples.On(Examples.Cycle.SubmissionCloses), Id, Examples.Now).IsRefused);
        Assert.Equal("window", Submission.Decide(Examples.On(Examples.Cycle.SubmissionOpens.AddDays(-1)), Id, Examples.Now).Refusal?.Code);

        var after = Examples.On(Examples.Cycle.SubmissionCloses.AddDays(1));
        var refusal = Submission.Decide(after, Id, Examples.Now).Refusal!;
        Assert.Equal(RefusalKind.BreaksRule, refusal.Kind);
        Assert.Equal("window", refusal.Code);
        Assert.Equal("二(二)", refusal.Clause);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(9999, 12, 31)]
    public void A_day_at_the_ends_of_the_calendar_is_outside_the_window(int year, int month, int day)
    {
        var refusal = Submission.Decide(Examples.Facts() with { Today = new DateOnly(year, month, day) }, Id, Examples.Now).Refusal;
        Assert.Equal("window", refusal?.Code);
    }

    [Fact]
    public void A_person_already_holding_the_level_this_year_is_refused_by_three_six()
    {
        var facts = Examples.Facts() with { ActiveSameLevel = Guid.NewGuid(), SameLevelSubmitter = "portal" };
        var refusal = Submission.Decide(facts, Id, Examples.Now).Refusal!;
        Assert.Equal("one-application-per-level", refusal.Code);
        Assert.Equal("三(六)", refusal.Clause);
        Assert.Equal("level", refusal.Facts!["field"]);
    }

    [Fact]
    public void Several_broken_rules_are_all_listed_and_the_first_is_named_at_the_top()
    {
        var facts = Examples.Facts() with { Today = new DateOnly(1, 1, 1), ActiveSameLevel = Guid.NewGuid() };
        var refusal = Submission.Decide(facts, Id, Examples.Now).Refusal!;
        var violations = Assert.IsAssignableFrom<IReadOnlyList<Violation>>(refusal.Facts!["violations"]);
        Assert.True(violations.Count >= 2);
        Assert.Equal(violations[0].Rule, refusal.Code);
        Assert.Equal(violations[0].Clause, refusal.Clause);
        Assert.Equal(string.Join(" ", violations.Select(v => v.Zh)), refusal.Reason.Chinese);
        Assert.Equal(string.Join(" ", violations.Select(v => v.En)), refusal.Reason.English);
    }

    [Fact]
    public void The_refusal_answers_the_same_422_as_before_with_rule_clause_field_and_every_violation()
    {
        Violation[] violations = [new("window", "二(二)", "submittedAt", "甲。", "A."), new("series", "一", "series", "乙。", "B.")];
        var problem = SubmissionRefusal.Of(violations).ToProblem().ProblemDetails;
        Assert.Equal(StatusCodes.Status422UnprocessableEntity, problem.Status);
        Assert.Equal("不符合业务规则 / Breaks a business rule", problem.Title);
        Assert.Equal("https://titlereview.example/problems/rule", problem.Type);
        Assert.Equal("甲。 乙。 / A. B.", problem.Detail);
        Assert.Equal(["rule", "clause", "field", "violations"], problem.Extensions.Keys.ToArray());
        Assert.Equal("window", problem.Extensions["rule"]);
        Assert.Equal("二(二)", problem.Extensions["clause"]);
        Assert.Equal("submittedAt", problem.Extensions["field"]);
        Assert.Same(violations, problem.Extensions["violations"]);
    }

    [Fact]
    public void A_refusal_without_any_violation_cannot_be_made()
    {
        Assert.Throws<ArgumentException>(() => SubmissionRefusal.Of([]));
    }
}
