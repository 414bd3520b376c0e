using TitleReview.Contracts.Ledger;
using TitleReview.Domain.Lifecycle;
using TitleReview.Publicity.Features.Complete;
using TitleReview.Publicity.Features.Notices;

namespace TitleReview.Publicity.UnitTests.Complete;

public sealed class CompletionDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 17, 1, 0, 0, TimeSpan.Zero);

    private static PublicityPeriod Period(DateOnly end) =>
        new() { Id = Guid.CreateVersion7(), NoticeId = Guid.CreateVersion7(), Start = end, End = end };

    private static ApplicationLifecycle InPublicity() => new() { FinalApproved = true, PublicityNoticeId = Guid.CreateVersion7() };

    [Fact]
    public void On_the_last_day_of_the_window_the_publicity_is_not_yet_complete()
    {
        var period = Period(new DateOnly(2026, 3, 16));

        Assert.IsType<CompletionStep.Wait>(PublicityCompletionJob.Decide(InPublicity(), period, period.End, Now));
    }

    [Fact]
    public void The_day_after_the_window_the_publicity_completes_dated_that_day()
    {
        var period = Period(new DateOnly(2026, 3, 16));

        var step = Assert.IsType<CompletionStep.Complete>(PublicityCompletionJob.Decide(InPublicity(), period, period.End.AddDays(1), Now));

        Assert.Equal(period.Id, step.Event.ApplicationId);
        Assert.Equal(period.NoticeId, step.Event.NoticeId);
        Assert.Equal(period.End.AddDays(1), step.Event.ProofDate);
        Assert.Equal(Now, step.Event.CompletedAt);
    }

    [Fact]
    public void An_open_objection_holds_the_completion()
    {
        var application = InPublicity();
        application.OpenObjections.Add(Guid.CreateVersion7());
        var period = Period(new DateOnly(2026, 3, 16));

        Assert.IsType<CompletionStep.Wait>(PublicityCompletionJob.Decide(application, period, period.End.AddDays(30), Now));
    }

    [Fact]
    public void A_period_of_an_application_the_ledger_does_not_know_is_left_alone()
    {
        var period = Period(new DateOnly(2026, 3, 16));

        Assert.IsType<CompletionStep.Wait>(PublicityCompletionJob.Decide(null, period, period.End.AddDays(1), Now));
    }

    [Fact]
    public void A_terminated_application_only_closes_its_period()
    {
        var application = InPublicity();
        application.Terminal = ApplicationStatus.Lapsed;
        var period = Period(new DateOnly(2026, 3, 16));

        Assert.IsType<CompletionStep.CloseOnly>(PublicityCompletionJob.Decide(application, period, period.End.AddDays(1), Now));
    }

    [Fact]
    public void An_already_completed_publicity_only_closes_its_period()
    {
        var application = InPublicity();
        application.PublicityCompleted = true;
        var period = Period(new DateOnly(2026, 3, 16));

        Assert.IsType<CompletionStep.CloseOnly>(PublicityCompletionJob.Decide(application, period, period.End.AddDays(1), Now));
    }

    [Fact]
    public void A_window_ending_on_the_last_representable_day_never_completes()
    {
        var period = Period(DateOnly.MaxValue);

        Assert.IsType<CompletionStep.Wait>(PublicityCompletionJob.Decide(InPublicity(), period, DateOnly.MaxValue, Now));
    }

    [Fact]
    public void A_window_ending_on_the_first_representable_day_completes_the_day_after()
    {
        var period = Period(DateOnly.MinValue);

        Assert.IsType<CompletionStep.Complete>(PublicityCompletionJob.Decide(InPublicity(), period, DateOnly.MinValue.AddDays(1), Now));
    }
}
