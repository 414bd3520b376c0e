using TitleReview.Audit.Features.Verification;
using TitleReview.Audit.Features.Verification.Rules;
using TitleReview.Contracts.Events;
using TitleReview.Domain.WorkingDays;
using static TitleReview.Audit.UnitTests.Verification.Ledger;

namespace TitleReview.Audit.UnitTests.Verification;

public sealed class FeeRulesTests
{
    private static readonly ApplicationLapsed Lapse = new(Id, "逾期未缴费", new DateTimeOffset(2023, 6, 17, 0, 30, 0, ChinaTime.Offset));

    private static ApplicationLapseUndone UndonePaidAt(DateTimeOffset paidAt) => new(Id, Reference, paidAt, new DateTimeOffset(2023, 6, 18, 9, 0, 0, ChinaTime.Offset));

    /// <summary>The clean history with the fee lapsed before it was paid, and the lapse undone by a payment made at <paramref name="paidAt"/>.</summary>
    private static List<object> WithLapse(DateTimeOffset paidAt, FeeAssessed? assessed = null)
    {
        var history = Clean().Inserting(Paid, Lapse, UndonePaidAt(paidAt));
        return assessed is null ? history : history.With(Assessed, assessed);
    }

    [Fact]
    public void The_clean_history_pays_as_assessed_after_approval()
    {
        Assert.Empty(FeeRules.Check(Replayed(Clean())));
    }

    [Fact]
    public void A_fee_assessed_before_approval_is_reported()
    {
        var found = Assert.Single(FeeRules.Check(Replayed(Clean().Moving(Assessed, Approved))));
        Assert.Equal(AuditRules.FeeAfterFinalApproval, found.Rule);
        Assert.Equal([SequenceAt(Approved)], found.Sequences);
    }

    [Fact]
    public void A_payment_of_another_amount_cites_the_assessment_and_the_payment()
    {
        var found = Assert.Single(FeeRules.Check(Replayed(Clean().With(Paid, new FeePaid(Id, 200.00m, Reference, "platform", At)))));

        Assert.Equal(AuditRules.FeePaidMatchesAssessed, found.Rule);
        Assert.Equal([SequenceAt(Assessed), SequenceAt(Paid)], found.Sequences);
        Assert.Equal($"Paid 200.00 CNY under {Reference}; assessed 300.00 CNY under {Reference}.", found.English);
    }

    [Fact]
    public void A_payment_under_another_reference_is_reported()
    {
        Assert.Single(FeeRules.Check(Replayed(Clean().With(Paid, new FeePaid(Id, 300.00m, "XSGC2023-OTHER", "platform", At)))));
    }

    [Fact]
    public void A_payment_without_an_assessment_and_a_second_payment_are_reported()
    {
        var history = Clean().Without(Assessed);
        history.Insert(Paid, history[Paid - 1]);

        var findings = FeeRules.Check(Replayed(history)).ToList();

        Assert.Equal(["FeePaid without a FeeAssessed.", "FeePaid without a FeeAssessed.", "The fee was recorded as paid twice."], findings.Select(f => f.English));
        Assert.Equal([SequenceAt(Assessed), SequenceAt(Paid)], findings[2].Sequences);
    }

    [Theory]
    [InlineData("2023-06-16T23:59:00+08:00")] // the due date, Beijing time
    [InlineData("2023-06-16T15:59:59+00:00")] // the same day in Beijing
    [InlineData("0001-01-01T08:00:00+08:00")]
    public void A_lapse_undone_by_a_payment_made_by_the_due_date_is_kept(string paidAt)
    {
        Assert.Empty(FeeRules.Check(Replayed(WithLapse(DateTimeOffset.Parse(paidAt, System.Globalization.CultureInfo.InvariantCulture)))));
    }

    [Theory]
    [InlineData("2023-06-17T00:00:00+08:00", "2023-06-17 00:00")]
    [InlineData("2023-06-16T16:00:00+00:00", "2023-06-17 00:00")] // the 17th in Beijing
    [InlineData("9999-12-31T23:59:00+08:00", "9999-12-31 23:59")]
    public void A_lapse_undone_by_a_payment_after_the_due_date_cites_the_assessment_the_lapse_and_the_undoing(string paidAt, string beijing)
    {
        var found = Assert.Single(FeeRules.Check(Replayed(WithLapse(DateTimeOffset.Parse(paidAt, System.Globalization.CultureInfo.InvariantCulture)))));

        Assert.Equal(AuditRules.LapseUndoneByTimelyPayment, found.Rule);
        Assert.Equal([SequenceAt(Assessed), SequenceAt(Paid), SequenceAt(Paid + 1)], found.Sequences);
        Assert.Equal($"Paid at {beijing} Beijing time, not by the due date 2023-06-16: the lapse cannot be undone.", found.English);
    }

    [Fact]
    public void A_due_date_of_9999_12_31_is_met_by_any_payment_and_one_of_0001_01_01_by_none()
    {
        var paidAt = new DateTimeOffset(2023, 6, 14, 9, 0, 0, ChinaTime.Offset);
        Assert.Empty(FeeRules.Check(Replayed(WithLapse(paidAt, new FeeAssessed(Id, 300.00m, Reference, DateOnly.MaxValue, At)))));
        Assert.Single(FeeRules.Check(Replayed(WithLapse(paidAt, new FeeAssessed(Id, 300.00m, Reference, DateOnly.MinValue, At)))));
    }

    [Fact]
    public void A_lapse_undone_with_no_fee_assessed_is_reported()
    {
        var history = WithLapse(new DateTimeOffset(2023, 6, 14, 9, 0, 0, ChinaTime.Offset)).Without(Assessed);

        var found = Assert.Single(FeeRules.Check(Replayed(history)), f => f.Rule == AuditRules.LapseUndoneByTimelyPayment);

        Assert.Equal([SequenceAt(Paid - 1), SequenceAt(Paid)], found.Sequences);
        Assert.Equal("缴费时间 2023-06-14 09:00 晚于缴费截止日（未核定），不能撤销逾期放弃。", found.Chinese);
    }

    [Fact]
    public void A_lapse_undone_without_a_lapse_is_reported()
    {
        var found = Assert.Single(FeeRules.Check(Replayed(Clean().Inserting(Paid, UndonePaidAt(At.AddDays(5))))));
        Assert.Equal("A lapse undone without a lapse before it.", found.English);
        Assert.Equal([SequenceAt(Paid)], found.Sequences);
    }
}
