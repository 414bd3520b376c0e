using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain;
using TitleReview.Domain.Cycles;
using TitleReview.Domain.Lifecycle;
using TitleReview.Domain.WorkingDays;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.Payment.Features.Lapse;
using TitleReview.Payment.Features.PaymentNotifications;
using TitleReview.Payment.Features.RecordPayment;

namespace TitleReview.Payment.UnitTests;

public sealed class PaymentDecisionTests
{
    private static readonly ReviewCycleCatalogue Cycles = ReviewCycleCatalogue.Shipped;
    private static readonly DateOnly Due = new(2023, 9, 15);
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset LastSecondOfDueDate = new(2023, 9, 15, 23, 59, 59, Beijing);
    private static readonly DateTimeOffset FirstSecondAfterDueDate = new(2023, 9, 16, 0, 0, 0, Beijing);
    private static readonly DateTimeOffset Now = new(2023, 9, 20, 10, 0, 0, Beijing);

    private static FeeAccount Account() =>
        new() { Id = Guid.NewGuid(), PaymentReference = "XS2023-0001", Amount = 300.00m, DueDate = Due };

    private static ApplicationLifecycle Approved(ApplicationStatus? terminal = null, bool feePaid = false) => new()
    {
        CycleId = ReviewCycleCatalogue.Xishan2023,
        Level = TitleLevel.Engineer,
        FinalApproved = true,
        FinalApprovedAt = new DateTimeOffset(2023, 9, 1, 10, 0, 0, Beijing),
        FeeAmount = 300.00m,
        FeePaid = feePaid,
        Terminal = terminal,
    };

    private static Decision<PaymentTaken> Record(ApplicationLifecycle application, decimal amount, DateTimeOffset paidAt) =>
        RecordPaymentEndpoint.Decide(application, Account(), amount, paidAt, "finance-desk", Now, Cycles);

    [Fact]
    public void A_payment_of_the_assessed_amount_at_235959_Beijing_on_the_due_date_pays_the_fee()
    {
        Assert.True(Record(Approved(), 300.00m, LastSecondOfDueDate).Accepted(out var taken, out _));
        Assert.Null(taken.LapseUndone);
        Assert.Equal(300.00m, taken.Paid.Amount);
        Assert.Equal(LastSecondOfDueDate, taken.Paid.PaidAt);
    }

    [Fact]
    public void A_payment_at_000000_Beijing_the_day_after_the_due_date_is_refused_as_late()
    {
        var refusal = Record(Approved(), 300.00m, FirstSecondAfterDueDate).Refusal!;
        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.Equal("fee-paid-late", refusal.Code);
        Assert.Equal("五", refusal.Clause);
    }

    [Fact]
    public void The_due_date_is_a_Beijing_date_so_1559_UTC_is_still_in_time_and_1600_UTC_is_not()
    {
        Assert.True(PaymentJudgement.PaidInTime(new DateTimeOffset(2023, 9, 15, 15, 59, 59, TimeSpan.Zero), Due));
        Assert.False(PaymentJudgement.PaidInTime(new DateTimeOffset(2023, 9, 15, 16, 0, 0, TimeSpan.Zero), Due));
    }

    [Theory]
    [InlineData("299.99")]
    [InlineData("300.01")]
    [InlineData("0")]
    [InlineData("-300")]
    [InlineData("79228162514264337593543950335")]
    public void An_amount_other_than_the_assessed_one_breaks_the_fee_amount_rule(string amount)
    {
        var refusal = Record(Approved(), decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), LastSecondOfDueDate).Refusal!;
        Assert.Equal(RefusalKind.BreaksRule, refusal.Kind);
        Assert.Equal("fee-amount", refusal.Code);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("0.001")]
    public void A_request_with_an_amount_not_above_zero_or_below_a_fen_is_invalid(string amount)
    {
        var request = new RecordPaymentRequest("XS2023-0001", decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), null, null);
        var refusal = RecordPaymentEndpoint.Validate(request, Now, Now, Cycles)!;
        Assert.Contains("amount", refusal.Fields!.Keys);
    }

    [Fact]
    public void A_request_with_decimal_MaxValue_is_well_formed_and_left_to_the_decision()
    {
        Assert.Null(RecordPaymentEndpoint.Validate(new RecordPaymentRequest("XS2023-0001", decimal.MaxValue, null, null), Now, Now, Cycles));
    }

    [Fact]
    public void A_payment_time_in_the_future_beyond_the_clock_skew_is_invalid()
    {
        var request = new RecordPaymentRequest("XS2023-0001", 300m, null, Now.AddMinutes(6));
        Assert.Contains("paidAt", RecordPaymentEndpoint.Validate(request, Now.AddMinutes(6), Now, Cycles)!.Fields!.Keys);
        Assert.Null(RecordPaymentEndpoint.Validate(request with { PaidAt = Now.AddMinutes(5) }, Now.AddMinutes(5), Now, Cycles));
    }

    [Fact]
    public void A_payment_dated_before_the_final_approval_is_refused_as_a_field_error()
    {
        var refusal = Record(Approved(), 300m, new DateTimeOffset(2023, 8, 31, 23, 59, 59, Beijing)).Refusal!;
        Assert.Contains("paidAt", refusal.Fields!.Keys);
    }

    [Fact]
    public void A_second_payment_of_a_paid_fee_is_a_conflict()
    {
        Assert.Equal("fee-paid-twice", Record(Approved(feePaid: true), 300m, LastSecondOfDueDate).Refusal!.Code);
    }

    [Fact]
    public void A_payment_for_a_withdrawn_application_is_refused_for_a_refund()
    {
        Assert.Equal("application-ended", Record(Approved(ApplicationStatus.Withdrawn), 300m, LastSecondOfDueDate).Refusal!.Code);
    }

    [Fact]
    public void A_timely_payment_of_a_lapsed_application_undoes_the_lapse_before_paying()
    {
        Assert.True(Record(Approved(ApplicationStatus.Lapsed), 300m, LastSecondOfDueDate).Accepted(out var taken, out _));
        Assert.NotNull(taken.LapseUndone);
        Assert.Equal(LastSecondOfDueDate, taken.LapseUndone.PaidAt);
    }

    private static PaymentNotification Received(decimal amount, DateTimeOffset paidAt) => new()
    {
        Id = "n-1", PaymentReference = "XS2023-0001", Amount = amount, PaidAt = paidAt, Channel = "payment-platform",
        ReceivedAt = Now, Outcome = PaymentOutcome.UnknownReference,
    };

    [Fact]
    public void A_notification_heard_before_is_absorbed_with_its_first_outcome()
    {
        var known = Received(300m, LastSecondOfDueDate);
        known.Outcome = PaymentOutcome.Matched;
        Assert.True(ReceiveNotificationEndpoint.Decide(known, known, Account(), Approved(), Cycles).Accepted(out var heard, out _));
        Assert.True(heard.Duplicate);
        Assert.Equal(PaymentOutcome.Matched, heard.Outcome);
        Assert.Null(heard.Taken);
    }

    [Fact]
    public void A_notification_for_an_unknown_reference_is_kept_for_finance()
    {
        Assert.True(ReceiveNotificationEndpoint.Decide(null, Received(300m, LastSecondOfDueDate), null, null, Cycles).Accepted(out var heard, out _));
        Assert.Equal(PaymentOutcome.UnknownReference, heard.Outcome);
        Assert.Null(heard.Taken);
    }

    [Fact]
    public void A_notification_paid_at_the_last_second_of_the_due_date_after_the_lapse_undoes_it_and_pays()
    {
        var decision = ReceiveNotificationEndpoint.Decide(null, Received(300m, LastSecondOfDueDate), Account(), Approved(ApplicationStatus.Lapsed), Cycles);
        Assert.True(decision.Accepted(out var heard, out _));
        Assert.Equal(PaymentOutcome.Matched, heard.Outcome);
        Assert.NotNull(heard.Taken!.LapseUndone);
    }

    [Fact]
    public void A_notification_paid_the_next_day_is_kept_as_a_refund_due_and_appends_nothing()
    {
        var decision = ReceiveNotificationEndpoint.Decide(null, Received(300m, FirstSecondAfterDueDate), Account(), Approved(), Cycles);
        Assert.True(decision.Accepted(out var heard, out _));
        Assert.Equal(PaymentOutcome.RefundDue, heard.Outcome);
        Assert.Null(heard.Taken);
    }

    [Fact]
    public void A_notification_of_a_different_amount_is_kept_as_amount_differs()
    {
        var decision = ReceiveNotificationEndpoint.Decide(null, Received(decimal.MaxValue, LastSecondOfDueDate), Account(), Approved(), Cycles);
        Assert.True(decision.Accepted(out var heard, out _));
        Assert.Equal(PaymentOutcome.AmountDiffers, heard.Outcome);
    }

    [Fact]
    public void A_notification_without_required_fields_or_with_amount_zero_is_invalid()
    {
        Assert.NotNull(ReceiveNotificationEndpoint.Validate(null, Now, Cycles));
        Assert.NotNull(ReceiveNotificationEndpoint.Validate(new PlatformNotification("n", "r", 0m, Now, null), Now, Cycles));
        Assert.Null(ReceiveNotificationEndpoint.Validate(new PlatformNotification("n", "r", 0.01m, Now, null), Now, Cycles));
    }

    [Fact]
    public void An_unpaid_fee_lapses_the_day_after_the_due_date_and_not_on_it()
    {
        Assert.Null(OverdueLapseJob.Decide(Account(), Approved(), Due, Now));
        Assert.NotNull(OverdueLapseJob.Decide(Account(), Approved(), Due.AddDays(1), Now));
    }

    [Fact]
    public void A_paid_or_ended_application_does_not_lapse()
    {
        Assert.Null(OverdueLapseJob.Decide(Account(), Approved(feePaid: true), Due.AddDays(1), Now));
        Assert.Null(OverdueLapseJob.Decide(Account(), Approved(ApplicationStatus.Withdrawn), Due.AddDays(1), Now));
    }

    [Fact]
    public void A_fee_is_assessed_once_for_a_finally_approved_application_with_the_schedules_amount()
    {
        var cycle = Cycles.Get(ReviewCycleCatalogue.Xishan2023);
        var schedule = new FeeSchedule { Cycles = { [cycle.Id] = cycle.Levels.ToDictionary(level => level, _ => 300.00m) } };
        var application = Approved();
        application.FeeAmount = null;
        var assessed = FeeAssessor.Decide(Guid.NewGuid(), application, cycle, schedule, WorkingDayCalendar.Official, Now);
        Assert.NotNull(assessed);
        Assert.Equal(300.00m, assessed.Amount);
        Assert.True(assessed.DueDate > DateOnly.FromDateTime(Now.Date));
        Assert.Null(FeeAssessor.Decide(Guid.NewGuid(), Approved(), cycle, schedule, WorkingDayCalendar.Official, Now));
    }

    [Fact]
    public void A_fee_schedule_missing_a_level_or_with_a_zero_amount_is_invalid()
    {
        var cycle = Cycles.Get(ReviewCycleCatalogue.Xishan2023);
        Assert.False(new FeeSchedule().IsValid(Cycles));
        Assert.False(new FeeSchedule { Cycles = { [cycle.Id] = cycle.Levels.ToDictionary(level => level, _ => 0m) } }.IsValid(Cycles));
        Assert.True(new FeeSchedule { Cycles = { [cycle.Id] = cycle.Levels.ToDictionary(level => level, _ => 300m) } }.IsValid(Cycles));
    }
}
