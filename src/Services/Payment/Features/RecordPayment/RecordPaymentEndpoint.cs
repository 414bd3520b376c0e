using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain;
using TitleReview.Domain.Cycles;
using TitleReview.Domain.Lifecycle;
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
        group.MapPost("", RecordAsync).WithName("RecordPayment");
        return group;
    }

    public static async Task<Results<Ok<FeePaid>, ProblemHttpResult>> RecordAsync(
        RecordPaymentRequest? request, HttpContext http, LedgerSessions sessions, ReviewCycleCatalogue cycles, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var paidAt = request?.PaidAt ?? now;
        if (Validate(request, paidAt, now, cycles) is { } invalid)
        {
            return invalid.ToProblem();
        }

        await using var session = sessions.OpenForRequest(http);
        var account = await session.Query<FeeAccount>()
            .SingleOrDefaultAsync(a => a.PaymentReference == request!.PaymentReference, cancellationToken);
        if (account is null)
        {
            return Refusal.NotFound("unknown-payment-reference", new Bilingual(
                $"缴款码 {request!.PaymentReference} 不存在。", $"No fee has the payment reference {request.PaymentReference}.")).ToProblem();
        }

        var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(account.Id, cancellationToken);
        var channel = request!.Channel?.Trim() is { Length: > 0 and <= 50 } given ? given : "finance-desk";
        var decision = Decide(stream.Aggregate!, account, request.Amount!.Value, paidAt, channel, now, cycles);
        if (!decision.Accepted(out var taken, out var refusal))
        {
            return refusal.ToProblem();
        }

        PaymentJudgement.Append(stream, account, taken);
        session.Store(account);
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(taken.Paid);
    }

    /// <summary>The request alone: a reference, an amount in fen, a payment time that can be true.</summary>
    public static Refusal? Validate(RecordPaymentRequest? request, DateTimeOffset paidAt, DateTimeOffset now, ReviewCycleCatalogue cycles)
    {
        var errors = new Dictionary<string, IReadOnlyList<Bilingual>>();
        if (string.IsNullOrWhiteSpace(request?.PaymentReference) || request.PaymentReference.Length > 40)
        {
            errors["paymentReference"] = [new("必须填写缴款码。", "paymentReference is required.")];
        }

        if (request?.Amount is not > 0 || decimal.Round(request.Amount.Value, 2) != request.Amount)
        {
            errors["amount"] = [new("金额须大于0且最多两位小数（元）。", "amount must be greater than 0 CNY with at most two decimals.")];
        }

        if (PaymentJudgement.PaidAtProblem(paidAt, now, application: null, cycles) is { } paidAtProblem)
        {
            errors["paidAt"] = [paidAtProblem];
        }

        return errors.Count > 0 ? Refusal.InvalidFields(errors) : null;
    }

    /// <summary>
    /// Finance's payment against an open fee: only the assessed amount, paid by the due date (a Beijing date), of an
    /// application still running (or only lapsed) is taken; anything else is refused with the reason finance acts on.
    /// </summary>
    public static Decision<PaymentTaken> Decide(
        ApplicationLifecycle application, FeeAccount account, decimal amount, DateTimeOffset paidAt, string channel,
        DateTimeOffset now, ReviewCycleCatalogue cycles)
    {
        if (PaymentJudgement.PaidAtProblem(paidAt, now, application, cycles) is { } beforeApproval)
        {
            return Refusal.InvalidFields(new Dictionary<string, IReadOnlyList<Bilingual>>
            {
                ["paidAt"] = [beforeApproval],
            });
        }

        return PaymentJudgement.Judge(application, account, amount, paidAt) switch
        {
            PaymentOutcome.PaidTwice => Refusal.Conflict("fee-paid-twice",
                new("该缴款码已缴费，不重复记录。", "This fee is already paid; the payment is not recorded twice.")),
            PaymentOutcome.RefundDue when !PaymentJudgement.PaidInTime(paidAt, account.DueDate) => Refusal.Conflict("fee-paid-late",
                new($"缴费时间 {ChinaTime.ToMinute(paidAt)} 晚于缴费截止日 {account.DueDate:yyyy-MM-dd}，属逾期缴费（通知 五），请办理退费。",
                    $"Paid at {ChinaTime.ToMinute(paidAt)} Beijing time, after the due date {account.DueDate:yyyy-MM-dd} (notice 五): refund it instead."),
                "五"),
            PaymentOutcome.RefundDue => Refusal.Conflict("application-ended",
                new($"该申报当前为“{application.Status.Chinese()}”，不能再缴费，请办理退费。",
                    $"The application is '{application.Status.English()}'; a payment cannot be taken, refund it instead.")),
            PaymentOutcome.AmountDiffers => Refusal.BreaksRule("fee-amount", "五",
                new($"缴费金额 {amount:0.00} 元与应缴金额 {account.Amount:0.00} 元不符。",
                    $"The amount {amount:0.00} CNY differs from the assessed {account.Amount:0.00} CNY.")),
            _ => PaymentJudgement.Take(application, account, channel, paidAt, now),
        };
    }
}
