using Microsoft.AspNetCore.Mvc;
using TitleReview.EventStore;
using TitleReview.Web.Http;

namespace TitleReview.Payment.Features.Refunds;

/// <summary>POST /api/payments/refunds (finance; multipart: paymentNotificationId, reason, evidence) → FeeRefunded.</summary>
public static class RefundEndpoint
{
    public static RouteGroupBuilder MapRefund(this RouteGroupBuilder payments)
    {
        payments.MapPost("/refunds", RecordRefund)
        // API-key callers send no token; a caller with the finance cookie must (CookieAntiforgery checks it for every endpoint).
        .DisableAntiforgery()
        .WithMetadata(new RequestSizeLimitAttribute(EvidenceFile.MaxBytes + 64 * 1024));
        return payments;
    }

    private static async Task<IResult> RecordRefund([FromForm] string? paymentNotificationId, [FromForm] string? reason, IFormFile? evidence,
            HttpContext http, LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = RefundPayment.Validate(paymentNotificationId, reason);
        var file = await EvidenceFile.ReadAsync(evidence, "evidence", errors, cancellationToken);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        await using var session = sessions.OpenForRequest(http);
        var decision = await RefundPayment.RecordAsync(session, paymentNotificationId!, reason!.Trim(), file!, clock.GetUtcNow(), cancellationToken);
        if (!decision.Accepted(out var refunded, out var refusal))
        {
            return refusal.ToProblem();
        }

        await session.SaveChangesAsync(cancellationToken);
        return Results.Ok(refunded);
    }
}
