using System.Globalization;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using TitleReview.Contracts.Events;
using TitleReview.Domain.WorkingDays;
using TitleReview.Domain;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.Payment.Features.PaymentNotifications;
using TitleReview.Payment.Features.Reconciliation;
using TitleReview.Payment.Features.RecordPayment;
using TitleReview.Payment.Features.Refunds;
using TitleReview.EventStore;
using TitleReview.Web.Http;
using static TitleReview.Web.Http.HtmlPage;

namespace TitleReview.Payment.Features.FinanceDesk;

/// <summary>
/// The finance desk (财务对账台), finance role: outstanding fees, payments, lapses, refunds due (each with its refund
/// form), reconciliation reports and their differences, and assessed vs collected per day. Each list pages on its own.
/// </summary>
public static class FinancePages
{
    private const int PageSize = 20;
    private const int ChartDays = 14;
    private const string Section = "财务对账台";
    private static readonly (string, string)[] Navigation = [("/finance", "财务概览"), ("/finance#refunds", "待退费"), ("/finance#statements", "对账报告")];

    public static RouteGroupBuilder MapFinancePages(this RouteGroupBuilder finance)
    {
        finance.MapGet("/", async (HttpContext http, LedgerSessions sessions, IAntiforgery antiforgery, TimeProvider clock, string? refunded, CancellationToken cancellationToken) =>
        {
            if (InvalidPage(http.Request) is { } problem)
            {
                return problem;
            }

            var body = await OverviewAsync(http, sessions, antiforgery, clock, cancellationToken);
            var notice = refunded is null ? "" : $"<p class=\"ok\" role=\"status\">已登记退费（到账记录 {E(refunded)}）。</p>";
            return Render("财务概览", Section, Navigation, notice + body);
        });

        finance.MapPost("/refunds", RefundFromPage)
        // The anti-forgery middleware checks the form's token before binding (a person's cookie is what a forger would borrow).
        .WithMetadata(new RequestSizeLimitAttribute(EvidenceFile.MaxBytes + 64 * 1024));

        finance.MapGet("/reconciliation/{id}", async (string id, int? page, LedgerSessions sessions, CancellationToken cancellationToken) =>
        {
            var paging = Paging.Of(page, PageSize, PageSize, PageSize);
            if (paging.Problem is not null)
            {
                return paging.Problem;
            }

            await using var query = sessions.Query();
            var report = await query.LoadAsync<ReconciliationReport>(id, cancellationToken);
            return report is null
                ? Problems.NotFound(new($"没有编号为 {id} 的对账报告。", $"No reconciliation report {id}."))
                : Render($"对账报告：{report.FileName}", Section, Navigation, ReportBody(report, paging.Page));
        });
        return finance;
    }

    private static async Task<IResult> RefundFromPage([FromForm] string? paymentNotificationId, [FromForm] string? reason, IFormFile? evidence, HttpContext http,
            LedgerSessions sessions, IAntiforgery antiforgery, TimeProvider clock, CancellationToken cancellationToken)
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

        var body = await OverviewAsync(http, sessions, antiforgery, clock, cancellationToken);
        return Render("财务概览", Section, Navigation, $"<p class=\"err\" role=\"alert\">退费未登记：{E(failure)}</p>" + body, status: StatusCodes.Status400BadRequest);
    }

    private static async Task<string> OverviewAsync(HttpContext http, LedgerSessions sessions, IAntiforgery antiforgery, TimeProvider clock, CancellationToken cancellationToken)
    {
        int PageOf(string name) => int.TryParse(http.Request.Query[name], CultureInfo.InvariantCulture, out var n) && PageProblem(n) is null ? n : 1;
        string Link(string name, int n) => $"/finance?{name}={n}";
        var today = clock.Today();
        await using var query = sessions.Query();
        var html = new StringBuilder();

        html.Append("<h2>每日核定与实收（近 ").Append(ChartDays).Append(" 天，元）</h2>")
            .Append(FeeChart.Svg(await DailyTotals.ForAsync(query, today, ChartDays, cancellationToken)));

        var outstanding = query.Query<FeeAccount>().Where(a => !a.Paid && !a.Lapsed);
        var op = PageOf("op");
        html.Append("<h2 id=\"outstanding\">应缴未缴</h2><table><thead><tr><th>缴款码</th><th>申报编号</th><th>应缴金额</th><th>缴费截止</th></tr></thead><tbody>");
        foreach (var a in await outstanding.OrderBy(a => a.DueDate).Skip((op - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken))
        {
            html.Append("<tr><td>").Append(E(a.PaymentReference)).Append("</td><td>").Append(a.Id).Append("</td><td class=\"num\">").Append(Money(a.Amount))
                .Append("</td><td").Append(a.DueDate < today ? " class=\"overdue\">" : ">").Append(E(Date(a.DueDate))).Append(a.DueDate < today ? "（已逾期）" : "").Append("</td></tr>");
        }

        html.Append("</tbody></table>").Append(Pager(op, PageSize, await outstanding.CountAsync(cancellationToken), n => Link("op", n)));

        var pp = PageOf("pp");
        var payments = await query.PageAsync<FeeMovement>(all => all.Where(m => m.Kind == FeeMovementKind.Paid), paid => paid.OrderByDescending(m => m.At),
            m => m.Id, Paging.Of(pp, PageSize, PageSize, PageSize), cancellationToken);
        html.Append("<h2 id=\"payments\">已缴费</h2><table><thead><tr><th>缴款码</th><th>申报编号</th><th>金额</th><th>渠道</th><th>到账时间</th></tr></thead><tbody>");
        foreach (var p in payments.Items)
        {
            html.Append("<tr><td>").Append(E(p.PaymentReference)).Append("</td><td>").Append(p.ApplicationId).Append("</td><td class=\"num\">").Append(Money(p.Amount))
                .Append("</td><td>").Append(E(p.Channel)).Append("</td><td>").Append(E(Moment(p.At))).Append("</td></tr>");
        }

        html.Append("</tbody></table>").Append(Pager(pp, PageSize, payments.Total, n => Link("pp", n)));

        var lp = PageOf("lp");
        var lapses = query.Query<FeeAccount>().Where(a => a.Lapsed && !a.Paid);
        html.Append("<h2 id=\"lapses\">逾期未缴、视作放弃</h2><table><thead><tr><th>缴款码</th><th>申报编号</th><th>应缴金额</th><th>缴费截止</th></tr></thead><tbody>");
        foreach (var a in await lapses.OrderByDescending(a => a.DueDate).Skip((lp - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken))
        {
            html.Append("<tr><td>").Append(E(a.PaymentReference)).Append("</td><td>").Append(a.Id).Append("</td><td class=\"num\">").Append(Money(a.Amount))
                .Append("</td><td>").Append(E(Date(a.DueDate))).Append("</td></tr>");
        }

        html.Append("</tbody></table>").Append(Pager(lp, PageSize, await lapses.CountAsync(cancellationToken), n => Link("lp", n)));

        var token = antiforgery.GetAndStoreTokens(http);
        var rp = PageOf("rp");
        var due = query.Query<PaymentNotification>().Where(n => n.RefundedAt == null && n.ApplicationId != null && n.Outcome.In(PaymentNotification.RefundableOutcomes));
        html.Append("<h2 id=\"refunds\">待退费</h2><table><thead><tr><th>到账记录</th><th>缴款码</th><th>金额</th><th>原因</th><th>到账时间</th><th>登记退费</th></tr></thead><tbody>");
        foreach (var n in await due.OrderBy(n => n.ReceivedAt).Skip((rp - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken))
        {
            html.Append("<tr><td>").Append(E(n.Id)).Append("</td><td>").Append(E(n.PaymentReference)).Append("</td><td class=\"num\">").Append(Money(n.Amount))
                .Append("</td><td>").Append(E(n.Outcome.Chinese())).Append("</td><td>").Append(E(Moment(n.PaidAt))).Append("</td><td>")
                .Append("<form method=\"post\" action=\"/finance/refunds\" enctype=\"multipart/form-data\" class=\"refund\">")
                .Append("<input type=\"hidden\" name=\"").Append(E(token.FormFieldName)).Append("\" value=\"").Append(E(token.RequestToken)).Append("\">")
                .Append("<input type=\"hidden\" name=\"paymentNotificationId\" value=\"").Append(E(n.Id)).Append("\">")
                .Append("<label>退费理由 <input name=\"reason\" required maxlength=\"500\"></label> ")
                .Append("<label>凭证（PDF/JPG/PNG） <input type=\"file\" name=\"evidence\" required accept=\".pdf,.jpg,.jpeg,.png\"></label> ")
                .Append("<button type=\"submit\" onclick=\"return confirm('确认登记该笔退费？')\">登记退费</button></form></td></tr>");
        }

        html.Append("</tbody></table>").Append(Pager(rp, PageSize, await due.CountAsync(cancellationToken), n => Link("rp", n)));

        var fp = PageOf("fp");
        var refunded = query.Query<PaymentNotification>().Where(n => n.RefundedAt != null);
        html.Append("<h2 id=\"refunded\">已退费</h2><table><thead><tr><th>到账记录</th><th>缴款码</th><th>金额</th><th>退费理由</th><th>退费时间</th></tr></thead><tbody>");
        foreach (var n in await refunded.OrderByDescending(n => n.RefundedAt).Skip((fp - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken))
        {
            html.Append("<tr><td>").Append(E(n.Id)).Append("</td><td>").Append(E(n.PaymentReference)).Append("</td><td class=\"num\">").Append(Money(n.Amount))
                .Append("</td><td>").Append(E(n.RefundReason)).Append("</td><td>").Append(E(Moment(n.RefundedAt!.Value))).Append("</td></tr>");
        }

        html.Append("</tbody></table>").Append(Pager(fp, PageSize, await refunded.CountAsync(cancellationToken), n => Link("fp", n)));

        var sp = PageOf("sp");
        var reports = query.Query<ReconciliationReport>();
        html.Append("<h2 id=\"statements\">对账报告</h2><p class=\"meta\">上传银行或支付平台的日对账单：POST /api/reconciliation/statements（CSV）。</p>")
            .Append("<table><thead><tr><th>对账单</th><th>上传时间</th><th>上传人</th><th>行数</th><th>差异</th></tr></thead><tbody>");
        foreach (var r in await reports.OrderByDescending(r => r.UploadedAt).Skip((sp - 1) * PageSize).Take(PageSize)
            .Select(r => new ReportSummary { Id = r.Id, FileName = r.FileName, UploadedAt = r.UploadedAt, UploadedBy = r.UploadedBy, LineCount = r.LineCount, Counts = r.Counts })
            .ToListAsync(cancellationToken))
        {
            var differences = r.Counts.Where(c => c.Key != nameof(LineCategory.Matched)).Sum(c => c.Value);
            html.Append("<tr><td><a href=\"/finance/reconciliation/").Append(E(Uri.EscapeDataString(r.Id))).Append("\">").Append(E(r.FileName)).Append("</a></td><td>")
                .Append(E(Moment(r.UploadedAt))).Append("</td><td>").Append(E(r.UploadedBy)).Append("</td><td class=\"num\">").Append(r.LineCount)
                .Append("</td><td class=\"num\">").Append(differences).Append("</td></tr>");
        }

        html.Append("</tbody></table>").Append(Pager(sp, PageSize, await reports.CountAsync(cancellationToken), n => Link("sp", n)));
        return html.ToString();
    }

    private static string ReportBody(ReconciliationReport report, int page)
    {
        var html = new StringBuilder();
        html.Append("<p class=\"meta\">上传于 ").Append(E(Moment(report.UploadedAt))).Append("，上传人 ").Append(E(report.UploadedBy)).Append("，编码 ").Append(E(report.Encoding))
            .Append("，共 ").Append(report.LineCount).Append(" 行。导出：<a href=\"/api/reconciliation/statements/").Append(E(Uri.EscapeDataString(report.Id)))
            .Append("?format=xlsx\">Excel</a> · <a href=\"/api/reconciliation/statements/").Append(E(Uri.EscapeDataString(report.Id))).Append("?format=csv\">CSV</a></p>");
        html.Append("<table><thead><tr><th>分类</th><th>数量</th></tr></thead><tbody>");
        foreach (var (category, count) in report.Counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var name = Enum.TryParse<LineCategory>(category, out var line) ? line.Chinese() : category == nameof(AssessmentCategory.AssessedUnpaid) ? "已核定未缴费" : category;
            html.Append("<tr><td>").Append(E(name)).Append("</td><td class=\"num\">").Append(count).Append("</td></tr>");
        }

        html.Append("</tbody></table><h2>差异明细</h2><table><thead><tr><th>行号</th><th>交易流水号</th><th>缴款码</th><th>金额</th><th>分类</th><th>应缴金额</th></tr></thead><tbody>");
        var differences = report.Lines.Where(l => l.Category != LineCategory.Matched).ToList();
        foreach (var l in differences.Skip((page - 1) * PageSize).Take(PageSize))
        {
            html.Append("<tr><td class=\"num\">").Append(l.Line.LineNumber).Append("</td><td>").Append(E(l.Line.TransactionId)).Append("</td><td>").Append(E(l.Line.PaymentReference))
                .Append("</td><td class=\"num\">").Append(Money(l.Line.Amount)).Append("</td><td>").Append(E(l.Category.Chinese())).Append("</td><td class=\"num\">")
                .Append(l.Assessed is { } assessed ? Money(assessed) : "").Append("</td></tr>");
        }

        html.Append("</tbody></table>").Append(Pager(page, PageSize, differences.Count, n => $"/finance/reconciliation/{Uri.EscapeDataString(report.Id)}?page={n}"));
        html.Append("<h2>已核定未缴费</h2><table><thead><tr><th>缴款码</th><th>申报编号</th><th>应缴金额</th><th>缴费截止</th></tr></thead><tbody>");
        foreach (var o in report.Outstanding.Take(100))
        {
            html.Append("<tr><td>").Append(E(o.PaymentReference)).Append("</td><td>").Append(o.ApplicationId).Append("</td><td class=\"num\">").Append(Money(o.Amount))
                .Append("</td><td>").Append(E(Date(o.DueDate))).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        if (report.Outstanding.Count > 100)
        {
            html.Append("<p class=\"meta\">仅列前 100 条，共 ").Append(report.Outstanding.Count).Append(" 条；完整清单请导出。</p>");
        }

        return html.ToString();
    }

    /// <summary>The lists' page parameters on the overview (outstanding, payments, lapses, refunds due, refunded, statements).</summary>
    private static readonly string[] PageParameters = ["op", "pp", "lp", "rp", "fp", "sp"];

    private static IResult? PageProblem(int page) => Paging.Of(page, PageSize, PageSize, PageSize).Problem;

    /// <summary>A page parameter that is not a page the list can show is a 400, as on every API list (page=2147483647 overflowed the offset).</summary>
    private static IResult? InvalidPage(HttpRequest request)
    {
        foreach (var name in PageParameters)
        {
            if (request.Query[name] is { Count: > 0 } value)
            {
                if (!int.TryParse(value, CultureInfo.InvariantCulture, out var page))
                {
                    return Problems.Validation(new Dictionary<string, Bilingual[]> { [name] = [new($"{name} 须为页码。", $"{name} must be a page number.")] });
                }

                if (PageProblem(page) is { } problem)
                {
                    return problem;
                }
            }
        }

        return null;
    }

    private static string Money(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Moment(DateTimeOffset moment) => ChinaTime.ToMinute(moment);

    /// <summary>A report without its lines, for the list: a report of a 10,000-line statement is large.</summary>
    public sealed class ReportSummary
    {
        public string Id { get; set; } = "";
        public string FileName { get; set; } = "";
        public DateTimeOffset UploadedAt { get; set; }
        public string UploadedBy { get; set; } = "";
        public int LineCount { get; set; }
        public Dictionary<string, int> Counts { get; set; } = [];
    }
}
