using TitleReview.Domain.Cycles;
using Marten;
using TitleReview.Domain.Lifecycle;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain.WorkingDays;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.EventStore;
using TitleReview.Web.Http;

namespace TitleReview.Payment.Features.RecordPayment;

/// <summary>paidAt: when the money was paid (the bank slip's time); now when omitted.</summary>
public sealed record RecordPaymentRequest(string? PaymentReference, decimal? Amount, string? Channel, DateTimeOffset? PaidAt);

/// <summary>Finance records a payment against its reference (缴款码) → FeePaid, judged by when it was paid.</summary>
public static class RecordPaymentEndpoint
{
    public static RouteGroupBuilder MapRecordPayment(this RouteGroupBuilder group)
    {
        group.MapPost("", RecordPayment)
        .WithName("RecordPayment");
        return group;
    }

    private static async Task<IResult> RecordPayment(RecordPaymentRequest? request, HttpContext http, LedgerSessions sessions, ReviewCycleCatalogue cycles, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request?.PaymentReference) || request.PaymentReference.Length > 40)
        {
            errors["paymentReference"] = ["必须填写缴款码。 / paymentReference is required."];
        }

        if (request?.Amount is not > 0 || decimal.Round(request.Amount.Value, 2) != request.Amount)
        {
            errors["amount"] = ["金额须大于0且最多两位小数（元）。 / amount must be greater than 0 CNY with at most two decimals."];
        }

        var now = clock.GetUtcNow();
        var paidAt = request?.PaidAt ?? now;
        if (PaymentJudgement.PaidAtProblem(paidAt, now, application: null, cycles) is { } paidAtProblem)
        {
            errors["paidAt"] = paidAtProblem;
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        await using var session = sessions.OpenForRequest(http);
        var account = await session.Query<FeeAccount>().SingleOrDefaultAsync(a => a.PaymentReference == request!.PaymentReference, cancellationToken);
        if (account is null)
        {
            return Problems.NotFound($"缴款码 {request!.PaymentReference} 不存在。", $"No fee has the payment reference {request.PaymentReference}.");
        }

        var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(account.Id, cancellationToken);
        var application = stream.Aggregate!;
        if (PaymentJudgement.PaidAtProblem(paidAt, now, application, cycles) is { } beforeApproval)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["paidAt"] = beforeApproval });
        }

        var amount = request!.Amount!.Value;
        var channel = request.Channel?.Trim() is { Length: > 0 and <= 50 } given ? given : "finance-desk";
        var decision = PaymentJudgement.Decide(application, account, amount, channel, paidAt, now);
        switch (decision.Outcome)
        {
            case PaymentOutcome.PaidTwice:
                return Problems.Conflict("该缴款码已缴费，不重复记录。", "This fee is already paid; the payment is not recorded twice.");
            case PaymentOutcome.RefundDue when !PaymentJudgement.PaidInTime(paidAt, account.DueDate):
                return Problems.Conflict($"缴费时间 {ChinaTime.ToMinute(paidAt)} 晚于缴费截止日 {account.DueDate:yyyy-MM-dd}，属逾期缴费（通知 五），请办理退费。",
                    $"Paid at {ChinaTime.ToMinute(paidAt)} Beijing time, after the due date {account.DueDate:yyyy-MM-dd} (notice 五): refund it instead.");
            case PaymentOutcome.RefundDue:
                return Problems.Conflict($"该申报当前为“{application.Status.Chinese()}”，不能再缴费，请办理退费。",
                    $"The application is '{application.Status.English()}'; a payment cannot be taken, refund it instead.");
            case PaymentOutcome.AmountDiffers:
                return Problems.Unprocessable($"缴费金额 {amount:0.00} 元与应缴金额 {account.Amount:0.00} 元不符。",
                    $"The amount {amount:0.00} CNY differs from the assessed {account.Amount:0.00} CNY.",
                    new Dictionary<string, object?> { ["rule"] = "fee-amount", ["clause"] = "五" });
        }

        var paid = PaymentJudgement.Accept(stream, account, decision);
        session.Store(account);
        await session.SaveChangesAsync(cancellationToken);
        return Results.Ok(paid);
    }
}
