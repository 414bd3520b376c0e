using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Contracts.Tests;

/// <summary>
/// How an application ended is the first end the stream shows: an objection lodged during the publicity is still
/// answered after the applicant withdrew or the fee lapsed, and that answer must not rewrite the status every service
/// reads. A lapse undone (the payment was in time after all) gives way to an objection upheld meanwhile.
/// </summary>
public sealed class LifecycleTerminalTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly Guid Objection = Guid.NewGuid();
    private static readonly DateTimeOffset At = new(2023, 6, 2, 2, 0, 0, TimeSpan.Zero);

    private static ApplicationLifecycle Fold(params object[] events) =>
        events.Aggregate(new ApplicationLifecycle { Id = Id }, (state, @event) => state.Evolve(@event));

    private static object[] InPublicityWithAnObjection() =>
    [
        new ApplicationSubmitted(Id, "张三", "无锡某公司", "工程技术", "机械工程", TitleLevel.Engineer, "xishan-engineering-2023", At),
        new FinalApproved(Id, "reviewer-wang", At),
        new Published(Id, Guid.NewGuid(), new DateOnly(2023, 6, 2), new DateOnly(2023, 6, 8), 5, "cn", At),
        new ObjectionLodged(Id, Objection, "材料不实", At.AddDays(1)),
    ];

    private static ObjectionResolved Resolved(bool upheld) => new(Id, Objection, upheld, upheld ? "属实" : "不成立", At.AddDays(3));

    [Fact]
    public void An_upheld_objection_ends_an_application_in_publicity()
    {
        Assert.Equal(ApplicationStatus.ObjectionUpheld, Fold([.. InPublicityWithAnObjection(), Resolved(upheld: true)]).Status);
    }

    [Fact]
    public void An_objection_upheld_after_the_withdrawal_leaves_it_withdrawn()
    {
        var state = Fold([.. InPublicityWithAnObjection(), new ApplicationWithdrawn(Id, "另有安排", At.AddDays(2)), Resolved(upheld: true)]);

        Assert.Equal(ApplicationStatus.Withdrawn, state.Status);
        Assert.True(state.ObjectionUpheld);
        Assert.Empty(state.OpenObjections);
    }

    [Theory]
    [InlineData(true, ApplicationStatus.ObjectionUpheld)]
    [InlineData(false, ApplicationStatus.InPublicity)]
    public void A_lapse_undone_after_the_objection_was_answered_ends_as_the_answer_says(bool upheld, ApplicationStatus expected)
    {
        var lapsed = Fold([.. InPublicityWithAnObjection(), new ApplicationLapsed(Id, "逾期未缴费", At.AddDays(2)), Resolved(upheld)]);
        Assert.Equal(ApplicationStatus.Lapsed, lapsed.Status);

        var undone = lapsed.Evolve(new ApplicationLapseUndone(Id, "PAY-1", At.AddDays(1), At.AddDays(4)));

        Assert.Equal(expected, undone.Status);
    }
}
