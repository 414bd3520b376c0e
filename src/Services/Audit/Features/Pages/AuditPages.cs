using TitleReview.Domain.Cycles;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Antiforgery;
using TitleReview.Audit.Features.History;
using TitleReview.Audit.Features.Search;
using TitleReview.Audit.Features.Verification;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain;
using TitleReview.EventStore;
using TitleReview.Web.Http;
using TitleReview.EventStore.WorkingDays;
using static TitleReview.Audit.Features.Pages.AuditLayout;

namespace TitleReview.Audit.Features.Pages;

/// <summary>The auditors' pages in Chinese: search, one application's timeline with its findings, verification runs.</summary>
public static class AuditPages
{
    private static readonly JsonSerializerOptions Pretty = new(Exports.Json) { WriteIndented = true };

    public static RouteGroupBuilder MapAuditPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/", async (string? name, ApplicationStatus? status, DateOnly? from, DateOnly? to, int? page, LedgerSessions sessions, CancellationToken cancellationToken) =>
        {
            var paging = Paging.Of(page, 20, 20, 20);
            if ((paging.Problem ?? DateFilter.Invalid(from, to)) is { } problem)
            {
                return problem;
            }

            var found = await ApplicationSearchEndpoint.SearchAsync(sessions, new ApplicationSearchEndpoint.SearchCriteria(name, null, status, from, to), paging, cancellationToken);
            return Page("申报查询", SearchForm(name, status, from, to) + Results(found, name, status, from, to));
        });

        pages.MapGet("/applications/{id:guid}", async (Guid id, LedgerReader ledger, WorkingDayCalendars calendars, ReviewCycleCatalogue cycles, CancellationToken cancellationToken) =>
        {
            var history = await ledger.StreamAsync(id, cancellationToken);
            return history.Count == 0
                ? HistoryEndpoints.NoSuchApplication(id)
                : Page($"申报审计：{Name(history)}", Timeline(id, history, HistoryVerifier.Verify(history, await calendars.RefreshAsync(cancellationToken), cycles)));
        });

        pages.MapGet("/verifications", VerificationsPage);

        pages.MapPost("/verifications", async (HttpContext http, IAntiforgery antiforgery, VerificationRunner runner, CancellationToken cancellationToken) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Microsoft.AspNetCore.Http.Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: Problems.TitleFor(StatusCodes.Status400BadRequest),
                    detail: new Bilingual("页面已过期或来源不明，请刷新后重试。", "The form is stale or did not come from this site; reload and try again.").ToString());
            }

            var run = await runner.StartAsync(LedgerSessions.ActingFor(http).UserId, cancellationToken);
            return Microsoft.AspNetCore.Http.Results.Redirect($"/audit/verifications/{run.Id}");
        });

        pages.MapGet("/verifications/{runId:guid}", VerificationRunPage);
        return pages;
    }

    private static async Task<IResult> VerificationsPage(HttpContext http, IAntiforgery antiforgery, LedgerSessions sessions, CancellationToken cancellationToken)
    {
        await using var query = sessions.Query();
        var runs = await query.Query<VerificationRun>().OrderByDescending(r => r.RequestedAt).Take(20).ToListAsync(cancellationToken);
        var token = antiforgery.GetAndStoreTokens(http);
        var body = new StringBuilder();
        body.Append("<p>重放账本中每一份申报的全部事件，逐条复核申报时间、终审、公示、缴费、评审、发证及事件归属等规则。</p>")
            .Append("<form method=\"post\" action=\"/audit/verifications\"><input type=\"hidden\" name=\"").Append(E(token.FormFieldName))
            .Append("\" value=\"").Append(E(token.RequestToken)).Append("\"><button type=\"submit\">开始全量核验</button></form>")
            .Append("<table><thead><tr><th>发起时间</th><th>发起人</th><th>状态</th><th>进度</th><th>问题数</th></tr></thead><tbody>");
        foreach (var run in runs)
        {
            body.Append("<tr><td><a href=\"/audit/verifications/").Append(run.Id).Append("\">").Append(E(run.RequestedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)))
                .Append("</a></td><td>").Append(E(run.RequestedBy)).Append("</td><td>").Append(E(run.StateChinese)).Append("</td><td>")
                .Append(run.Percent).Append("%</td><td>").Append(run.FindingCount).Append("</td></tr>");
        }

        body.Append("</tbody></table>");
        return Page("规则核验", body.ToString());
    }

    private static async Task<IResult> VerificationRunPage(Guid runId, int? page, LedgerSessions sessions, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(page, 50, 50, 50);
        if (paging.Problem is not null)
        {
            return paging.Problem;
        }

        await using var query = sessions.Query();
        var run = await query.LoadAsync<VerificationRun>(runId, cancellationToken);
        if (run is null)
        {
            return Problems.NotFound(new($"没有编号为 {runId} 的核验。", $"No verification run {runId}."));
        }

        var findings = await query.Query<RunFinding>().Where(f => f.RunId == runId).OrderBy(f => f.Index)
            .Skip((paging.Page - 1) * paging.Size).Take(paging.Size).ToListAsync(cancellationToken);
        var finished = run.State is RunState.Completed or RunState.Failed;
        return Page("全量核验", RunBody(run, findings, paging.Page), refreshSeconds: finished ? 0 : 2);
    }

    private static string SearchForm(string? name, ApplicationStatus? status, DateOnly? from, DateOnly? to)
    {
        var form = new StringBuilder("<form class=\"inline\" method=\"get\" action=\"/audit\">");
        form.Append("<label>姓名 <input name=\"name\" value=\"").Append(E(name)).Append("\"></label>")
            .Append("<label>状态 <select name=\"status\"><option value=\"\">全部</option>");
        foreach (var option in Enum.GetValues<ApplicationStatus>())
        {
            form.Append("<option value=\"").Append(option).Append('"').Append(option == status ? " selected" : "").Append('>').Append(E(option.Chinese())).Append("</option>");
        }

        form.Append("</select></label><label>提交日期 <input type=\"date\" name=\"from\" value=\"").Append(E(from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            .Append("\"> 至 <input type=\"date\" name=\"to\" value=\"").Append(E(to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            .Append("\"></label><button type=\"submit\">查询</button></form>")
            .Append("<p class=\"meta\">按身份证号查询请使用接口 GET /api/audit/applications?idNumber=（仅审计角色）。</p>");
        return form.ToString();
    }

    private static string Results(SearchPage found, string? name, ApplicationStatus? status, DateOnly? from, DateOnly? to)
    {
        var html = new StringBuilder($"<table><thead><tr><th>姓名</th><th>单位</th><th>专业</th><th>级别</th><th>提交时间</th><th>状态</th></tr></thead><tbody>");
        foreach (var item in found.Items)
        {
            html.Append("<tr><td><a href=\"/audit/applications/").Append(item.Id).Append("\">").Append(E(item.ApplicantName)).Append("</a></td><td>")
                .Append(E(item.Employer)).Append("</td><td>").Append(E(item.Specialty)).Append("</td><td>").Append(E(item.Level)).Append("</td><td>")
                .Append(E(TitleReview.Domain.WorkingDays.ChinaTime.ToMinute(item.SubmittedAt)))
                .Append("</td><td>").Append(E(item.StatusChinese)).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        var query = $"name={Uri.EscapeDataString(name ?? "")}&status={status}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        html.Append(HtmlPage.Pager(found.Page, found.PageSize, found.Total, n => $"/audit?{query}&page={n}"));
        return html.ToString();
    }

    private static string Name(IReadOnlyList<LedgerEvent> history) =>
        history.Select(e => e.Data).OfType<TitleReview.Contracts.Events.ApplicationSubmitted>().FirstOrDefault()?.ApplicantName ?? history[0].ApplicationId.ToString();

    private static string Timeline(Guid id, IReadOnlyList<LedgerEvent> history, IReadOnlyList<Finding> findings)
    {
        var html = new StringBuilder();
        html.Append("<p class=\"meta\">申报编号 ").Append(id).Append("，共 ").Append(history.Count).Append(" 个事件。导出：<a href=\"/api/audit/applications/")
            .Append(id).Append("/events/export?format=json\">JSON</a> · <a href=\"/api/audit/applications/").Append(id).Append("/events/export?format=csv\">CSV</a></p>");
        html.Append("<h2>规则复核</h2>");
        if (findings.Count == 0)
        {
            html.Append("<p class=\"ok\">重放全部事件，未发现违反规则之处。</p>");
        }

        foreach (var finding in findings)
        {
            html.Append("<div class=\"finding\"><strong>").Append(E(finding.Rule)).Append('（').Append(E(finding.Clause)).Append("）</strong>：").Append(E(finding.Chinese))
                .Append(" <span class=\"meta\">相关事件序号 ").Append(E(string.Join("、", finding.Sequences))).Append("</span></div>");
        }

        html.Append("<h2>时间线</h2><ol class=\"timeline\">");
        foreach (var e in history)
        {
            using var data = JsonDocument.Parse(e.DataJson);
            html.Append("<li><strong>").Append(E(EventName(e.Type))).Append("</strong> <span class=\"meta\">（").Append(E(e.Type)).Append("，第 ").Append(e.Version)
                .Append(" 版，全局序号 ").Append(e.Sequence).Append("）</span><div class=\"meta\">")
                .Append(E(e.Timestamp.ToOffset(TitleReview.Domain.WorkingDays.ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)))
                .Append(" 北京时间 · 操作人 ").Append(E(e.UserId ?? "未知")).Append(" · 角色 ").Append(E(e.Role ?? "未知")).Append(" · 写入服务 ").Append(E(e.Service ?? "未知"))
                .Append(" · 关联编号 ").Append(E(e.CorrelationId)).Append("</div><pre>").Append(E(JsonSerializer.Serialize(data.RootElement, Pretty))).Append("</pre></li>");
        }

        html.Append("</ol>");
        return html.ToString();
    }

    private static string RunBody(VerificationRun run, IReadOnlyList<RunFinding> findings, int page)
    {
        var html = new StringBuilder();
        html.Append("<p>状态：<strong>").Append(E(run.StateChinese)).Append("</strong>，已核验 ").Append(run.CheckedApplications).Append(" / ").Append(run.TotalApplications)
            .Append(" 份申报（").Append(run.CheckedEvents).Append(" 个事件），发现问题 ").Append(run.FindingCount).Append(" 项。</p>")
            .Append("<progress max=\"100\" value=\"").Append(run.Percent).Append("\">").Append(run.Percent).Append("%</progress>");
        if (run.Error is not null)
        {
            html.Append("<p class=\"finding\">核验失败：").Append(E(run.Error)).Append("</p>");
        }

        if (run.State == RunState.Completed)
        {
            html.Append("<p>导出：<a href=\"/api/audit/verifications/").Append(run.Id).Append("/findings/export?format=json\">JSON</a> · <a href=\"/api/audit/verifications/")
                .Append(run.Id).Append("/findings/export?format=csv\">CSV</a></p>");
        }

        html.Append("<table><thead><tr><th>申报</th><th>规则</th><th>条款</th><th>说明</th><th>相关事件序号</th></tr></thead><tbody>");
        foreach (var f in findings)
        {
            html.Append("<tr><td><a href=\"/audit/applications/").Append(f.ApplicationId).Append("\">").Append(f.ApplicationId).Append("</a></td><td>").Append(E(f.Rule))
                .Append("</td><td>").Append(E(f.Clause)).Append("</td><td>").Append(E(f.Chinese)).Append("</td><td>").Append(E(string.Join("、", f.Sequences))).Append("</td></tr>");
        }

        html.Append("</tbody></table>").Append(HtmlPage.Pager(page, 50, run.FindingCount, n => $"?page={n}"));
        return html.ToString();
    }
}
