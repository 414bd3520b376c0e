using TitleReview.Contracts.Events;
using TitleReview.Domain;
using TitleReview.Domain.Lifecycle;
using TitleReview.Intake.Features.Withdrawal;

namespace TitleReview.Intake.UnitTests;

public sealed class WithdrawalDecisionTests
{
    private static readonly Guid Id = Guid.Parse("0190a000-0000-7000-8000-0000000000bb");

    [Fact]
    public void An_application_in_review_is_withdrawn_with_the_trimmed_reason_and_the_moment()
    {
        Assert.True(WithdrawApplication.Decide(new ApplicationLifecycle { Id = Id }, Id, "  另有安排 ", Examples.Now)
            .Accepted(out var withdrawn, out _));
        Assert.Equal(new ApplicationWithdrawn(Id, "另有安排", Examples.Now), withdrawn);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(9999, 12, 31)]
    public void Any_moment_is_taken_as_given(int year, int month, int day)
    {
        var at = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(at, WithdrawApplication.Decide(new ApplicationLifecycle(), Id, "r", at).Outcome!.WithdrawnAt);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Once_the_committee_has_decided_either_way_the_application_cannot_be_withdrawn(bool passed)
    {
        var refusal = WithdrawApplication.Decide(new ApplicationLifecycle { CommitteePassed = passed }, Id, "r", Examples.Now).Refusal!;
        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.Contains("不能撤回", refusal.Reason.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rejected_application_cannot_be_withdrawn()
    {
        var application = new ApplicationLifecycle { Id = Id }.Evolve(new ApplicationRejected(Id, "材料不实", Examples.Now));
        Assert.True(WithdrawApplication.Decide(application, Id, "r", Examples.Now).IsRefused);
    }

    [Fact]
    public void A_withdrawn_application_cannot_be_withdrawn_again()
    {
        var application = new ApplicationLifecycle { Id = Id }.Evolve(new ApplicationWithdrawn(Id, "r", Examples.Now));
        Assert.Equal(RefusalKind.Conflict, WithdrawApplication.Decide(application, Id, "r", Examples.Now).Refusal?.Kind);
    }
}
