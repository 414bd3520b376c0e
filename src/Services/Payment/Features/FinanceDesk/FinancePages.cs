using System.Diagnostics.CodeAnalysis;
using Marten;
using Microsoft.AspNetCore.Mvc;
using TitleReview.BackOffice;
using TitleReview.Domain;
using TitleReview.EventStore;
using TitleReview.Payment.Features.Reconciliation;
using TitleReview.Payment.Features.Refunds;
using TitleReview.Web.Http;

namespace TitleReview.Payment.Features.FinanceDesk;

/// <summary>
/// The finance desk (财务对账台), finance role: outstanding fees, payments, lapses, refunds due (each with its refund
/// form), reconciliation reports and their differences, and assessed vs collected per day. Each list pages on its own.
/// Handlers bind and check the query; the pages (Razor components beside this file) only show what they are given.
/// </summary>
public static class FinancePages
{
    /// <summary>The lists' page parameters on the overview (outstanding, payments, lapses, refunds due, refunded, statements).</summary>
    private static readonly string[] PageParameters = ["op", "pp", "lp", "rp", "fp", "sp"];

    public static RouteGroupBuilder MapFinancePages(this RouteGroupBuilder finance)
    {
        finance.MapGet("/", ShowOverview);
        finance.MapPost("/refunds", RefundFromPage)
            // The anti-forgery middleware checks the form's token before binding (a person's cookie is what a forger would borrow).
            .WithMetadata(new RequestSizeLimitAttribute(EvidenceFile.MaxBytes + 64 * 1024));
        finance.MapGet("/reconciliation/{id}", ShowReport);
        return finance;
    }

    private static async Task<IResult> ShowOverview(
        HttpContext http, LedgerSessions sessions, TimeProvider clock, string? refunded, CancellationToken cancellationToken)
    {
        if (!TryReadPages(http.Request, out var pages, out var problem))
        {
            return problem;
        }

        var model = await FinanceOverviewReader.ReadAsync(sessions, clock, pages, cancellationToken);
        return Pages.Render<FinanceOverviewPage>(new
        {
            Model = model, Order = pages.OutstandingOrder, Success = refunded is null ? null : $"已登记退费（到账记录 {refunded}）。",
        });
    }

    private static async Task<IResult> ShowReport(
        string id, int? page, LedgerSessions sessions, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(page, FinanceOverviewReader.PageSize, FinanceOverviewReader.PageSize, FinanceOverviewReader.PageSize);
        if (paging.Problem is { } problem)
        {
            return problem;
        }

        await using var query = sessions.Query();
        var report = await query.LoadAsync<ReconciliationReport>(id, cancellationToken);
        return report is null
            ? Problems.NotFound(new($"没有编号为 {id} 的对账报告。", $"No reconciliation report {id}."))
            : Pages.Render<ReconciliationReportPage>(new { Report = report, paging.Page });
    }

    private static async Task<IResult> RefundFromPage([FromForm] string? paymentNotificationId, [FromForm] string? reason, IFormFile? evidence, HttpContext http,
            LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = RefundPayment.ValidateReason(reason);
        var file = await EvidenceFile.ReadAsync(evidence, "evidence", errors, cancellationToken);
        string? failure = errors.Count > 0 ? string.Join("；", errors.Values.SelectMany(messages => messages).Select(message => message.Chinese)) : null;
        if (failure is null)
        {
            await using var session = sessions.OpenForRequest(http);
            var decision = await RefundPayment.RecordAsync(session, paymentNotificationId ?? "", reason!.Trim(), file!, clock.GetUtcNow(), cancellationToken);
            if (decision.Accepted(out _, out var refusal))
            {
                await session.SaveChangesAsync(cancellationToken);
                return Results.Redirect($"/finance?refunded={Uri.EscapeDataString(paymentNotificationId!)}#refunds");
            }

            // The page keeps its own shorter wording, chosen by the refusal's stable code.
            failure = refusal.Code switch
            {
                RefundPayment.AlreadyRefunded => "该笔款项已退费。",
                RefundPayment.PaymentNotFound => "找不到该到账记录。",
                _ => "该笔款项不能在此退费。",
            };
        }

        var model = await FinanceOverviewReader.ReadAsync(sessions, clock, new OverviewPages(), cancellationToken);
        return Pages.Render<FinanceOverviewPage>(new { Model = model, Error = $"退费未登记：{failure}" }, StatusCodes.Status400BadRequest);
    }

    /// <summary>
    /// The overview's six list pages and the outstanding fees' order, read once from the query. A parameter that is not
    /// a page the list can show, or an order it does not know, is a 400 naming that parameter, as on every API list
    /// (page=2147483647 overflowed the offset); a parameter left out is the first page, in the default order.
    /// </summary>
    private static bool TryReadPages(HttpRequest request, out OverviewPages pages, [NotNullWhen(false)] out IResult? problem)
    {
        pages = new OverviewPages();
        if (!OutstandingOrder.TryParse(request.Query[OutstandingOrder.Parameter], out var order))
        {
            problem = Problems.Validation(new Dictionary<string, Bilingual[]>
            {
                [OutstandingOrder.Parameter] = [new("os 须为 due、amount 之一，可加前缀 - 表示降序。", "os must be due or amount, with a leading - for descending.")],
            });
            return false;
        }

        var numbers = new int[PageParameters.Length];
        for (var i = 0; i < PageParameters.Length; i++)
        {
            var paging = Paging.Named(PageParameters[i], request.Query[PageParameters[i]], FinanceOverviewReader.PageSize);
            if (paging.Problem is not null)
            {
                problem = paging.Problem;
                return false;
            }

            numbers[i] = paging.Page;
        }

        pages = new OverviewPages(numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5]) { OutstandingOrder = order };
        problem = null;
        return true;
    }
}
