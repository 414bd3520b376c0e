using Marten;
using TitleReview.ServiceDefaults.Ledger;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.ServiceDefaults.EventStore;
using TitleReview.ServiceDefaults.Http;

namespace TitleReview.Payment.Features.RecordPayment;

public sealed record RecordPaymentRequest(string? PaymentReference, decimal? Amount, string? Channel);

/// <summary>Finance records a payment against its reference (缴款码) → FeePaid.</summary>
public static class RecordPaymentEndpoint
{
    public static RouteGroupBuilder MapRecordPayment(this RouteGroupBuilder group)
    {
        group.MapPost("", async (RecordPaymentRequest? request, HttpContext http, LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
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
            var amount = request!.Amount!.Value;
            switch (PaymentJudgement.Judge(application, account, amount))
            {
                case PaymentOutcome.PaidTwice:
                    return Problems.Conflict("该缴款码已缴费，不重复记录。", "This fee is already paid; the payment is not recorded twice.");
                case PaymentOutcome.RefundDue:
                    return Problems.Conflict($"该申报当前为“{application.Status.Chinese()}”，不能再缴费，请办理退费。",
                        $"The application is '{application.Status.English()}'; a payment cannot be taken, refund it instead.");
                case PaymentOutcome.AmountDiffers:
                    return Problems.Unprocessable($"缴费金额 {amount:0.00} 元与应缴金额 {account.Amount:0.00} 元不符。",
                        $"The amount {amount:0.00} CNY differs from the assessed {account.Amount:0.00} CNY.",
                        new Dictionary<string, object?> { ["rule"] = "fee-amount", ["clause"] = "五" });
            }

            var paid = PaymentJudgement.Accept(stream, account,
                request.Channel?.Trim() is { Length: > 0 and <= 50 } channel ? channel : "finance-desk", clock.GetUtcNow());
            session.Store(account);
            await session.SaveChangesAsync(cancellationToken);
            return Results.Ok(paid);
        })
        .WithName("RecordPayment");
        return group;
    }
}
