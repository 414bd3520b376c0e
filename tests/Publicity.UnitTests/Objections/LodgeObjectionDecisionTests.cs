using TitleReview.Contracts.Ledger;
using TitleReview.Domain;
using TitleReview.Domain.Lifecycle;
using TitleReview.Publicity.Features.Objections;

namespace TitleReview.Publicity.UnitTests.Objections;

public sealed class LodgeObjectionDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);
    private static readonly Guid ApplicationId = Guid.CreateVersion7();

    private static readonly LodgeObjectionCommand Command =
        new(Guid.CreateVersion7(), ApplicationId, "材料与实际工作经历不符，请核实。", "张三", "13800000000");

    private static ApplicationLifecycle InPublicity(DateOnly end) => new()
    {
        Id = ApplicationId,
        FinalApproved = true,
        PublicityNoticeId = Guid.CreateVersion7(),
        PublicityStart = end.AddDays(-7),
        PublicityEnd = end,
    };

    [Fact]
    public void An_objection_during_publicity_is_lodged_with_the_command_and_the_time()
    {
        var end = new DateOnly(2026, 3, 16);

        var accepted = LodgeObjection.Decide(InPublicity(end), Command, end.AddDays(-3), Now)
            .Accepted(out var lodged, out _);

        Assert.True(accepted);
        Assert.Equal(ApplicationId, lodged.ApplicationId);
        Assert.Equal(Command.ObjectionId, lodged.ObjectionId);
        Assert.Equal(Command.Summary, lodged.Summary);
        Assert.Equal(Now, lodged.LodgedAt);
    }

    [Fact]
    public void An_objection_on_the_last_day_of_publicity_is_lodged()
    {
        var end = new DateOnly(2026, 3, 16);

        Assert.False(LodgeObjection.Decide(InPublicity(end), Command, end, Now).IsRefused);
    }

    [Fact]
    public void An_objection_the_day_after_publicity_ends_is_refused_under_clause_four_one()
    {
        var end = new DateOnly(2026, 3, 16);

        var refusal = LodgeObjection.Decide(InPublicity(end), Command, end.AddDays(1), Now).Refusal;

        Assert.NotNull(refusal);
        Assert.Equal(RefusalKind.BreaksRule, refusal.Kind);
        Assert.Equal("objection-window", refusal.Code);
        Assert.Equal("四(一)", refusal.Clause);
    }

    [Fact]
    public void A_publicity_ending_on_the_last_representable_day_still_takes_objections_that_day()
    {
        Assert.False(LodgeObjection.Decide(InPublicity(DateOnly.MaxValue), Command, DateOnly.MaxValue, Now).IsRefused);
    }

    [Fact]
    public void A_publicity_that_ended_on_the_first_representable_day_takes_no_objection_later()
    {
        var application = InPublicity(DateOnly.MaxValue);
        application.PublicityEnd = DateOnly.MinValue;

        Assert.True(LodgeObjection.Decide(application, Command, DateOnly.MinValue.AddDays(1), Now).IsRefused);
        Assert.False(LodgeObjection.Decide(application, Command, DateOnly.MinValue, Now).IsRefused);
    }

    [Fact]
    public void An_application_never_published_takes_no_objection()
    {
        var application = new ApplicationLifecycle { Id = ApplicationId, FinalApproved = true };

        Assert.Equal(LodgeObjection.OutsidePublicity, LodgeObjection.Decide(application, Command, new DateOnly(2026, 3, 1), Now).Refusal);
    }

    [Fact]
    public void An_unknown_application_takes_no_objection()
    {
        Assert.Equal(LodgeObjection.OutsidePublicity, LodgeObjection.Decide(null, Command, new DateOnly(2026, 3, 1), Now).Refusal);
    }

    [Fact]
    public void An_application_whose_publicity_completed_takes_no_objection_even_before_its_end_date()
    {
        var end = new DateOnly(2026, 3, 16);
        var application = InPublicity(end);
        application.PublicityCompleted = true;

        Assert.True(LodgeObjection.Decide(application, Command, end, Now).IsRefused);
    }

    [Fact]
    public void A_terminated_application_takes_no_objection()
    {
        var end = new DateOnly(2026, 3, 16);
        var application = InPublicity(end);
        application.Terminal = ApplicationStatus.Withdrawn;

        Assert.True(LodgeObjection.Decide(application, Command, end, Now).IsRefused);
    }
}
