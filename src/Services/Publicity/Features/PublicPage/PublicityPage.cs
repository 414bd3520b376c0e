using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using TitleReview.Contracts;
using TitleReview.Domain;
using TitleReview.Domain.WorkingDays;
using TitleReview.Publicity.Features.Notices;
using TitleReview.Publicity.Features.Objections;
using TitleReview.EventStore;
using TitleReview.Web.Http;

namespace TitleReview.Publicity.Features.PublicPage;

/// <param name="Entry">"{noticeId}:{row}": the line of an open notice the objection is about (no application id is public).</param>
public sealed record ObjectionForm(string? Entry, string? Summary, string? ContactName, string? Contact)
{
    public LodgeObjectionRequest ToRequest()
    {
        var parts = (Entry ?? "").Split(':');
        return parts.Length == 2 && Guid.TryParse(parts[0], out var notice) && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var row)
            ? new LodgeObjectionRequest(null, Summary, ContactName, Contact, notice, row)
            : new LodgeObjectionRequest(null, Summary, ContactName, Contact);
    }
}

/// <summary>
/// The public publicity page (评审公示), no sign-in: current and past notices with name, employer, specialty and
/// level only, how to object and until when, and the objection form. Server-rendered and every value HTML-encoded.
/// </summary>
public static class PublicityPage
{
    private const int PageSize = 10;

    public static IEndpointRouteBuilder MapPublicityPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/publicity", async (int? page, string? lodged, HttpContext http, LedgerSessions sessions, IAntiforgery antiforgery, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            // A page before the first shows the first, as it always did; one past the furthest any list pages is a 400.
            var paging = Paging.Of(Math.Max(page ?? 1, 1), PageSize, PageSize, PageSize);
            if (paging.Problem is { } problem)
            {
                return problem;
            }

            var notices = await NoticeEndpoints.PageAsync(sessions, paging, cancellationToken);
            var open = await NoticeEndpoints.OpenForObjectionAsync(sessions, clock.Today(), cancellationToken);
            var token = antiforgery.GetAndStoreTokens(http);
            return Results.Content(Render(notices, open, clock.Today(), token, lodged is not null, errors: null), "text/html; charset=utf-8");
        })
        .AllowAnonymous();

        app.MapPost("/publicity/objections", async ([FromForm] ObjectionForm? form, HttpContext http, LedgerSessions sessions, IAntiforgery antiforgery, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var request = (form ?? new ObjectionForm(null, null, null, null)).ToRequest();
            var outcome = await LodgeObjection.LodgeAsync(request, sessions.OpenForRequest(http), clock, cancellationToken);
            if (!outcome.Accepted(out _, out var refusal))
            {
                return await RefusedAsync(refusal, http, sessions, antiforgery, clock, cancellationToken);
            }

            return Results.Redirect("/publicity?lodged=1");
        })
        .AllowAnonymous()
        .RequireRateLimiting(LodgeObjection.RateLimitPolicy)
        .WithMetadata(new RequestSizeLimitAttribute(LodgeObjection.MaxBodyBytes));
        return app;
    }

    private static async Task<IResult> RefusedAsync(Refusal refusal, HttpContext http, LedgerSessions sessions,
        IAntiforgery antiforgery, TimeProvider clock, CancellationToken cancellationToken)
    {
        var notices = await NoticeEndpoints.PageAsync(sessions, Paging.Of(1, PageSize, PageSize, PageSize), cancellationToken);
        var open = await NoticeEndpoints.OpenForObjectionAsync(sessions, clock.Today(), cancellationToken);
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        return Results.Content(Render(notices, open, clock.Today(), antiforgery.GetAndStoreTokens(http), false,
            "异议未能提交：" + string.Join("；", LodgeObjection.ChineseMessages(refusal))), "text/html; charset=utf-8",
            Encoding.UTF8, StatusCodes.Status400BadRequest);
    }

    private static string Render(NoticePage notices, IReadOnlyList<OpenNoticeEntry> open, DateOnly today, AntiforgeryTokenSet token, bool lodged, string? errors)
    {
        var h = HtmlEncoder.Default;
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>评审公示</title>
            <style>
              body{font-family:"Noto Sans CJK SC","Noto Sans SC",sans-serif;margin:2rem auto;max-width:60rem;color:#222;padding:0 1rem}
              h1{color:#b00;font-size:1.6rem} table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
              th,td{border:1px solid #ccc;padding:.4rem .6rem;text-align:left} th{background:#f4f4f4}
              .notice{border-left:4px solid #b00;padding-left:1rem;margin:1.5rem 0} .past{border-left-color:#999}
              .ok{background:#e8f5e9;padding:.6rem} .err{background:#fdecea;padding:.6rem}
              label{display:block;margin:.5rem 0 .2rem} input,select,textarea{width:100%;padding:.4rem;box-sizing:border-box}
              button{margin-top:.8rem;padding:.5rem 1.5rem}
            </style></head><body>
            <h1>评审公示</h1>
            <p>以下人员已通过网上终审，现予公示。公示期内，对公示人员的资格条件、申报材料真实性等有异议的，可通过本页下方表单实名提出异议（须留联系人及联系电话或邮箱），逾期不予受理。</p>
            """);
        if (lodged)
        {
            html.Append("<p class=\"ok\" role=\"status\">异议已提交，我们将在核实后与您联系。</p>");
        }

        if (errors is not null)
        {
            html.Append("<p class=\"err\" role=\"alert\">").Append(h.Encode(errors)).Append("</p>");
        }

        if (notices.Items.Count == 0)
        {
            html.Append("<p>暂无公示。</p>");
        }

        foreach (var notice in notices.Items)
        {
            var current = today <= notice.End;
            html.Append(current ? "<section class=\"notice\">" : "<section class=\"notice past\">")
                .Append("<h2>").Append(h.Encode(notice.CommitteeName)).Append(" 评审公示 第").Append(h.Encode(notice.Number)).Append("号</h2>")
                .Append("<p>公示期：").Append(notice.Start.ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture))
                .Append(" 至 ").Append(notice.End.ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture))
                .Append('（').Append(notice.WorkingDays).Append("个工作日）。");
            html.Append(current
                ? $"异议受理截止：{notice.End:yyyy年M月d日}（含当日）。"
                : "公示已结束。");
            html.Append("</p><table><thead><tr><th>序号</th><th>姓名</th><th>工作单位</th><th>专业</th><th>申报层级</th></tr></thead><tbody>");
            foreach (var entry in notice.Entries)
            {
                html.Append("<tr><td>").Append(entry.Row).Append("</td><td>").Append(h.Encode(entry.ApplicantName)).Append("</td><td>").Append(h.Encode(entry.Employer))
                    .Append("</td><td>").Append(h.Encode(entry.Specialty)).Append("</td><td>").Append(h.Encode(entry.Level.Chinese())).Append("</td></tr>");
            }

            html.Append("</tbody></table></section>");
        }

        var pages = (int)Math.Ceiling(notices.Total / (double)notices.PageSize);
        if (pages > 1)
        {
            html.Append("<nav>第 ").Append(notices.Page).Append(" / ").Append(pages).Append(" 页 ");
            if (notices.Page > 1)
            {
                html.Append("<a href=\"/publicity?page=").Append(notices.Page - 1).Append("\">上一页</a> ");
            }

            if (notices.Page < pages)
            {
                html.Append("<a href=\"/publicity?page=").Append(notices.Page + 1).Append("\">下一页</a>");
            }

            html.Append("</nav>");
        }

        if (open.Count > 0)
        {
            html.Append("<section><h2>提出异议</h2><form method=\"post\" action=\"/publicity/objections\">")
                .Append("<input type=\"hidden\" name=\"").Append(h.Encode(token.FormFieldName)).Append("\" value=\"").Append(h.Encode(token.RequestToken ?? "")).Append("\">")
                .Append("<label for=\"entry\">被异议人</label><select id=\"entry\" name=\"entry\" required>");
            foreach (var (noticeId, noticeNumber, entry) in open)
            {
                html.Append("<option value=\"").Append(noticeId).Append(':').Append(entry.Row).Append("\">")
                    .Append(h.Encode($"{entry.ApplicantName}（{entry.Employer}，{entry.Specialty}；第{noticeNumber}号公示第{entry.Row}行）")).Append("</option>");
            }

            html.Append("</select><label for=\"summary\">异议内容（10至2000字）</label><textarea id=\"summary\" name=\"summary\" rows=\"5\" minlength=\"10\" maxlength=\"2000\" required></textarea>")
                .Append("<label for=\"contactName\">联系人</label><input id=\"contactName\" name=\"contactName\" maxlength=\"50\" required>")
                .Append("<label for=\"contact\">联系电话或电子邮箱</label><input id=\"contact\" name=\"contact\" maxlength=\"100\" required>")
                .Append("<button type=\"submit\">提交异议</button></form></section>");
        }

        html.Append("<footer><p>联系电话：0510-88703240</p></footer></body></html>");
        return html.ToString();
    }
}
