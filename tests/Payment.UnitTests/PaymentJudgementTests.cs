using TitleReview.Contracts.Events;
using TitleReview.Domain.Cycles;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.Payment.Features.RecordPayment;
using TitleReview.Testing;

namespace TitleReview.Payment.UnitTests;

/// <summary>Notice 五: the assessed amount, paid by the due date (Beijing time), pays the fee; anything else is kept apart.</summary>
public sealed class PaymentJudgementTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static readonly DateOnly Due = new(2023, 6, 30);

    private static FeeAccount Account(ApplicationHistory history) =>
        new() { Id = history.Id, PaymentReference = "XS2023000001", Amount = 300m, DueDate = Due };

    private static ApplicationHistory Assessed() => ApplicationHistory.Submitted().ClaimedBy("li").FinalApproved("li").FeeAssessed();

    private static PaymentDecision Decide(ApplicationHistory history, decimal amount, DateTimeOffset paidAt) =>
        PaymentJudgement.Decide(history.State, Account(history), amount, "bank", paidAt, paidAt.AddDays(3));

    [Fact]
    public void Paid_on_the_due_date_at_the_last_second_in_Beijing_is_in_time()
    {
        var decision = Decide(Assessed(), 300m, new DateTimeOffset(2023, 6, 30, 23, 59, 59, Beijing));
        Assert.Equal(PaymentOutcome.Matched, decision.Outcome);
        var paid = Assert.IsType<FeePaid>(Assert.Single(decision.Events));
        Assert.Equal((300m, "bank"), (paid.Amount, paid.Channel));
    }

    [Fact]
    public void Paid_at_midnight_after_the_due_date_is_late_and_refunded()
    {
        var decision = Decide(Assessed(), 300m, new DateTimeOffset(2023, 7, 1, 0, 0, 0, Beijing));
        Assert.Equal(PaymentOutcome.RefundDue, decision.Outcome);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void The_due_date_is_a_Beijing_date_not_a_UTC_one()
    {
        // 2023-06-30 16:30 UTC is 07-01 00:30 in Beijing: late, although still June 30 in UTC.
        Assert.Equal(PaymentOutcome.RefundDue, Decide(Assessed(), 300m, new DateTimeOffset(2023, 6, 30, 16, 30, 0, TimeSpan.Zero)).Outcome);
    }

    [Theory]
    [InlineData(299.99)]
    [InlineData(300.01)]
    [InlineData(0)]
    [InlineData(-300)]
    public void Another_amount_pays_nothing(decimal amount)
    {
        var decision = Decide(Assessed(), amount, new DateTimeOffset(2023, 6, 20, 10, 0, 0, Beijing));
        Assert.Equal(PaymentOutcome.AmountDiffers, decision.Outcome);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void A_second_payment_is_paid_twice()
    {
        Assert.Equal(PaymentOutcome.PaidTwice, Decide(Assessed().FeePaid(), 300m, new DateTimeOffset(2023, 6, 20, 10, 0, 0, Beijing)).Outcome);
    }

    [Fact]
    public void Money_for_an_application_that_ended_otherwise_goes_back()
    {
        var withdrawn = Assessed().With(new ApplicationWithdrawn(Guid.Empty, "本人撤回", ApplicationHistory.Start.AddDays(4)));
        Assert.Equal(PaymentOutcome.RefundDue, Decide(withdrawn, 300m, new DateTimeOffset(2023, 6, 20, 10, 0, 0, Beijing)).Outcome);
    }

    [Fact]
    public void Timely_money_reported_after_the_lapse_undoes_it_first()
    {
        var lapsed = Assessed().With(new ApplicationLapsed(Guid.Empty, "逾期未缴费", new DateTimeOffset(2023, 7, 1, 0, 5, 0, Beijing)));
        var paidAt = new DateTimeOffset(2023, 6, 30, 22, 0, 0, Beijing);
        var decision = Decide(lapsed, 300m, paidAt);
        Assert.Equal(PaymentOutcome.Matched, decision.Outcome);
        Assert.Collection(decision.Events,
            e => Assert.Equal(paidAt, Assert.IsType<ApplicationLapseUndone>(e).PaidAt),
            e => Assert.IsType<FeePaid>(e));
    }

    [Fact]
    public void A_payment_time_in_the_future_or_before_any_cycle_opened_is_refused()
    {
        var now = new DateTimeOffset(2023, 6, 20, 10, 0, 0, Beijing);
        Assert.NotNull(PaymentJudgement.PaidAtProblem(now.AddMinutes(6), now, null, ReviewCycleCatalogue.Shipped));
        Assert.Null(PaymentJudgement.PaidAtProblem(now.AddMinutes(4), now, null, ReviewCycleCatalogue.Shipped));
        Assert.NotNull(PaymentJudgement.PaidAtProblem(DateTimeOffset.MinValue, now, null, ReviewCycleCatalogue.Shipped));
        Assert.NotNull(PaymentJudgement.PaidAtProblem(DateTimeOffset.MaxValue, now, null, ReviewCycleCatalogue.Shipped));
    }
}
