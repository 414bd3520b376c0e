using TitleReview.Contracts;
using TitleReview.Domain;
using TitleReview.Domain.Lifecycle;
using TitleReview.Intake.Features.Resubmission;
using TitleReview.Intake.Features.Status;
using TitleReview.Intake.Features.SubmitApplication;
using TitleReview.Intake.Features.SubmitApplication.Rules;

namespace TitleReview.Intake.UnitTests;

public sealed class ResubmissionDecisionTests
{
    private static ApplicationFile File()
    {
        Assert.True(Submission.Decide(Examples.Facts(), Guid.CreateVersion7(Examples.Now), Examples.Now).Accepted(out var submitted, out _));
        return ApplicationFile.Submitted(submitted, Examples.Request.IdNumber!, "portal", Examples.Request.Dossier);
    }

    private static ApplicationLifecycle Open(ApplicationFile file) => new() { Id = file.Id, RevisionOpen = true };

    [Fact]
    public void An_unchanged_application_with_an_open_revision_is_resubmitted_naming_no_module()
    {
        var file = File();
        Assert.True(ResubmitApplication.Decide(Open(file), file, Examples.Facts(), Examples.Now).Accepted(out var resubmitted, out _));
        Assert.Equal(file.Id, resubmitted.ApplicationId);
        Assert.Empty(resubmitted.ChangedModules);
        Assert.Null(resubmitted.ApplicantName);
        Assert.Null(resubmitted.Series);
    }

    [Fact]
    public void A_new_name_and_specialty_are_carried_and_mark_the_basic_and_declaration_modules()
    {
        var file = File();
        var request = Examples.Request with { ApplicantName = "张工二", Specialty = " 机械设计 " };
        Assert.True(ResubmitApplication.Decide(Open(file), file, Examples.Facts(request), Examples.Now).Accepted(out var resubmitted, out _));
        Assert.Equal([ApplicationModules.Basic, ApplicationModules.Declaration], resubmitted.ChangedModules);
        Assert.Equal("张工二", resubmitted.ApplicantName);
        Assert.Equal("机械设计", resubmitted.Specialty);
        Assert.Null(resubmitted.Employer);
    }

    [Fact]
    public void Without_an_open_revision_request_the_resubmission_conflicts()
    {
        var file = File();
        var refusal = ResubmitApplication.Decide(new ApplicationLifecycle { Id = file.Id }, file, Examples.Facts(), Examples.Now).Refusal!;
        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.Contains("不能重新提交", refusal.Reason.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void The_window_and_the_level_slot_are_not_checked_again()
    {
        var file = File();
        var facts = Examples.On(Examples.Cycle.SubmissionCloses.AddDays(1)) with { ActiveSameLevel = Guid.NewGuid() };
        Assert.Equal(["window", "one-application-per-level"], SubmissionRules.Check(facts).Select(v => v.Rule));
        Assert.False(ResubmitApplication.Decide(Open(file), file, facts, Examples.Now).IsRefused);
    }

    [Fact]
    public void A_broken_hard_rule_refuses_the_resubmission_with_422()
    {
        var file = File();
        var facts = Examples.Facts(Examples.Request with { Series = "会计" });
        var refusal = ResubmitApplication.Decide(Open(file), file, facts, Examples.Now).Refusal!;
        Assert.Equal(RefusalKind.BreaksRule, refusal.Kind);
        Assert.NotNull(refusal.Facts!["violations"]);
    }
}
