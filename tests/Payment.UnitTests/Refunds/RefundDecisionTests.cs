using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TitleReview.Contracts.Events;
using TitleReview.Domain;
using TitleReview.Payment.Features.PaymentNotifications;
using TitleReview.Payment.Features.RecordPayment;
using TitleReview.Payment.Features.Refunds;
using TitleReview.Web.Http;

namespace TitleReview.Payment.UnitTests.Refunds;

public sealed class RefundDecisionTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Now = new(2023, 9, 20, 10, 0, 0, Beijing);
    private static readonly Guid ApplicationId = Guid.CreateVersion7();
    private const string Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static PaymentNotification Payment(PaymentOutcome outcome, decimal amount = 300.00m, Guid? applicationId = null, bool unknown = false) => new()
    {
        Id = "R2-XS2023-0001",
        PaymentReference = "XS2023-0001",
        Amount = amount,
        PaidAt = new DateTimeOffset(2023, 9, 14, 9, 30, 0, Beijing),
        Channel = "payment-platform",
        ApplicationId = unknown ? null : applicationId ?? ApplicationId,
        Outcome = outcome,
        ReceivedAt = new DateTimeOffset(2023, 9, 14, 9, 31, 0, Beijing),
    };

    private static RefundCommand Refund(string id = "R2-XS2023-0001", string reason = "重复缴费，原路退回") => new(id, reason, Sha256, Now);

    private static Refusal Refused(PaymentNotification? payment, RefundCommand? command = null)
    {
        var decision = RefundPayment.Decide(payment, command ?? Refund());
        Assert.True(decision.IsRefused);
        return decision.Refusal!;
    }

    public static TheoryData<PaymentOutcome> Refundable => [PaymentOutcome.RefundDue, PaymentOutcome.PaidTwice, PaymentOutcome.AmountDiffers];

    [Theory]
    [MemberData(nameof(Refundable))]
    public void Money_kept_apart_as_not_paying_the_fee_is_refunded_in_full_with_the_reason_and_the_evidence_hash(PaymentOutcome outcome)
    {
        Assert.True(RefundPayment.Decide(Payment(outcome), Refund()).Accepted(out var refunded, out _));

        Assert.Equal(new FeeRefunded(ApplicationId, 300.00m, "重复缴费，原路退回", Now, "R2-XS2023-0001", Sha256), refunded);
    }

    [Theory]
    [InlineData("0.01")]
    [InlineData("299.99")]
    [InlineData("300.01")]
    [InlineData("2147483648")]
    [InlineData("79228162514264337593543950335")]
    public void The_refund_is_always_the_amount_paid_never_more_nor_less(string paid)
    {
        // The command carries no amount: finance cannot refund more (or less) than the payment brought in.
        var amount = decimal.Parse(paid, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(RefundPayment.Decide(Payment(PaymentOutcome.AmountDiffers, amount), Refund()).Accepted(out var refunded, out _));

        Assert.Equal(amount, refunded.Amount);
    }

    [Fact]
    public void The_refund_is_on_the_paying_applications_stream_and_dated_by_the_given_now()
    {
        var other = Guid.CreateVersion7();
        var later = Now.AddDays(400);
        Assert.True(RefundPayment.Decide(Payment(PaymentOutcome.PaidTwice, applicationId: other), Refund() with { Now = later })
            .Accepted(out var refunded, out _));

        Assert.Equal(other, refunded.ApplicationId);
        Assert.Equal(later, refunded.RefundedAt);
    }

    [Fact]
    public void A_payment_notification_that_does_not_exist_is_not_found_by_the_id_asked_for()
    {
        var refusal = Refused(null, Refund(id: "NO-SUCH"));

        Assert.Equal(RefusalKind.NotFound, refusal.Kind);
        Assert.Equal("payment-not-found", refusal.Code);
        Assert.Null(refusal.Clause);
        Assert.Equal(new Bilingual("没有编号为 NO-SUCH 的到账记录。", "No payment notification NO-SUCH."), refusal.Reason);
    }

    [Theory]
    [MemberData(nameof(Refundable))]
    public void A_payment_already_refunded_is_not_refunded_again(PaymentOutcome outcome)
    {
        var payment = Payment(outcome);
        payment.RefundedAt = Now.AddDays(-1);
        var refusal = Refused(payment);

        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.Equal("payment-already-refunded", refusal.Code);
        Assert.Equal(new Bilingual("该笔款项已退费。", "This payment was already refunded."), refusal.Reason);
    }

    [Fact]
    public void Already_refunded_is_said_before_not_refundable()
    {
        var matched = Payment(PaymentOutcome.Matched);
        matched.RefundedAt = Now.AddDays(-1);

        Assert.Equal("payment-already-refunded", Refused(matched).Code);
    }

    [Fact]
    public void A_payment_that_paid_the_fee_is_not_refundable_here()
    {
        var refusal = Refused(Payment(PaymentOutcome.Matched));

        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.Equal("payment-not-refundable", refusal.Code);
        Assert.Null(refusal.Clause);
        Assert.Equal(new Bilingual("该笔款项已入账为缴费或无对应申报，不能在此退费。",
            "This payment paid a fee or belongs to no application; it cannot be refunded here."), refusal.Reason);
    }

    [Fact]
    public void Money_for_a_reference_no_fee_has_belongs_to_no_application_and_is_not_refundable_here()
    {
        Assert.Equal("payment-not-refundable", Refused(Payment(PaymentOutcome.UnknownReference, unknown: true)).Code);
    }

    [Theory]
    [MemberData(nameof(Refundable))]
    public void Refundable_money_with_no_application_to_append_to_is_not_refundable_here(PaymentOutcome outcome)
    {
        Assert.Equal("payment-not-refundable", Refused(Payment(outcome, unknown: true)).Code);
    }

    [Fact]
    public void Each_refusal_maps_to_the_problem_the_handler_answered_before_plus_its_rule()
    {
        var already = Payment(PaymentOutcome.PaidTwice);
        already.RefundedAt = Now;
        AssertSameProblem(Problems.NotFound(new("没有编号为 R-1 的到账记录。", "No payment notification R-1.")), Refused(null, Refund(id: "R-1")), rule: null);
        AssertSameProblem(Problems.Conflict(new("该笔款项已退费。", "This payment was already refunded.")), Refused(already), "payment-already-refunded");
        AssertSameProblem(Problems.Conflict(new("该笔款项已入账为缴费或无对应申报，不能在此退费。",
            "This payment paid a fee or belongs to no application; it cannot be refunded here.")), Refused(Payment(PaymentOutcome.Matched)), "payment-not-refundable");
    }

    private static void AssertSameProblem(IResult before, Refusal refusal, string? rule)
    {
        var expected = Assert.IsType<ProblemHttpResult>(before).ProblemDetails;
        var actual = refusal.ToProblem().ProblemDetails;
        Assert.Equal((expected.Status, expected.Title, expected.Type, expected.Detail), (actual.Status, actual.Title, actual.Type, actual.Detail));
        Assert.Equal(rule, actual.Extensions.TryGetValue("rule", out var code) ? code : null);
        Assert.False(actual.Extensions.ContainsKey("clause"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void A_missing_or_blank_reason_is_a_field_error(string? reason)
    {
        Assert.Equal(["请填写退费理由（500 字以内）。 / reason is required (at most 500 characters)."],
            RefundPayment.Validate("R2-XS2023-0001", reason)["reason"].Select(message => message.ToString()));
    }

    [Fact]
    public void A_reason_of_500_characters_is_accepted_and_501_is_not()
    {
        Assert.Empty(RefundPayment.Validate("R2-XS2023-0001", new string('退', 500)));
        Assert.Equal(["reason"], RefundPayment.Validate("R2-XS2023-0001", new string('退', 501)).Keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void A_missing_payment_notification_id_is_a_field_error_listed_after_the_reason(string? id)
    {
        var errors = RefundPayment.Validate(id, null);

        Assert.Equal(["reason", "paymentNotificationId"], errors.Keys);
        Assert.Equal(["请指明要退的到账记录。 / paymentNotificationId is required."], errors["paymentNotificationId"].Select(message => message.ToString()));
    }

    [Fact]
    public void A_payment_notification_id_of_64_characters_is_accepted_and_65_is_not()
    {
        Assert.Empty(RefundPayment.Validate(new string('n', 64), "理由"));
        Assert.Equal(["paymentNotificationId"], RefundPayment.Validate(new string('n', 65), "理由").Keys);
    }
}
