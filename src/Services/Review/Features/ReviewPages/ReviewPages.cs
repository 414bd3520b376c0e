using System.Globalization;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain.WorkingDays;
using TitleReview.Review.Features.ApplicationDossier;
using TitleReview.Review.Features.ReviewActions;
using TitleReview.Review.Features.ReviewQueue;
using TitleReview.EventStore;
using TitleReview.Web.Http;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.Domain;
using TitleReview.Domain.Lifecycle;
using static TitleReview.Web.Http.HtmlPage;

namespace TitleReview.Review.Features.ReviewPages;

/// <summary>The fields of the action forms; a class with optional properties, because each form posts only some of them.</summary>
public sealed class ActionForm
{
    public long? ExpectedVersion { get; set; }
    public string? Reason { get; set; }
}

/// <summary>
/// The reviewers' pages (审核工作台): the queue with filters, counts and paging, and one application with its modules,
/// history and the actions. Every form carries an anti-forgery token and the stream version the page showed, so acting
/// on a page someone else has since changed gives a clear message and a fresh page, never a silent overwrite.
/// Works without JavaScript; the only script is the confirmation before an action.
/// </summary>
public static class ReviewPages
{
    private const int PageSize = 20;
    private const string Section = "职称评审审核工作台";
    private static readonly (string, string)[] Navigation = [("/review", "待审队列"), ("/review?mine=true", "我认领的")];

    public static RouteGroupBuilder MapReviewPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/", QueueAsync);

        pages.MapGet("/applications/{id:guid}", async (Guid id, string? notice, HttpContext http, LedgerSessions sessions, IAntiforgery antiforgery, CancellationToken cancellationToken) =>
            await DetailAsync(id, http, sessions, antiforgery, Notice(notice), null, StatusCodes.Status200OK, cancellationToken));

        MapAction(pages, "claim", (_, _, reviewer) => new ReviewCommand.Claim(reviewer));
        MapAction(pages, "approval", (_, _, reviewer) => new ReviewCommand.Approve(reviewer));
        MapAction(pages, "rejection", (form, _, reviewer) =>
            ReviewDecider.CheckReason(form.Reason) is { } invalid ? invalid : new ReviewCommand.Reject(reviewer, form.Reason!.Trim()));
        MapAction(pages, "revision", (_, raw, reviewer) =>
        {
            List<ModuleComment> comments = [.. ApplicationModules.All.Select(module => (module, Comment: raw[CommentField(module)].ToString()))
                .Where(c => !string.IsNullOrWhiteSpace(c.Comment)).Select(c => new ModuleComment(c.module, c.Comment.Trim()))];
            return ReviewDecider.CheckComments(comments) is { } invalid ? invalid : new ReviewCommand.RequestRevision(reviewer, comments);
        });
        return pages;
    }

    private static async Task<IResult> QueueAsync(ApplicationStatus? status, TitleLevel? level, string? specialty, DateOnly? from, DateOnly? to, bool? mine,
        QueueSort? sort, int? page, HttpContext http, LedgerSessions sessions, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(page, PageSize, PageSize, PageSize);
        if ((paging.Problem ?? QueueFilter.Invalid(from, to)) is { } problem)
        {
            return problem;
        }

        var filter = new QueueFilter(status, level, specialty, from, to, mine == true, sort ?? QueueSort.Oldest);
        await using var query = sessions.Query();
        var items = await filter.PageAsync(query, Me(http), paging, cancellationToken);
        var counts = await QueueFilter.CountsAsync(query, cancellationToken);
        return Render("待审队列", Section, Navigation, Header(http) + QueueBody(filter, items, counts, paging.Page));
    }

    /// <summary>Reads one action form into the command the API would send; a refusal when the form cannot make one.</summary>
    private delegate Decision<ReviewCommand> PageCommand(ActionForm form, IFormCollection raw, string reviewer);

    private static void MapAction(RouteGroupBuilder pages, string action, PageCommand command) =>
        pages.MapPost($"/applications/{{id:guid}}/{action}", (Guid id, [FromForm] ActionForm? form, HttpContext http, LedgerSessions sessions,
                IAntiforgery antiforgery, TimeProvider clock, CancellationToken cancellationToken) =>
            ActFromPageAsync(new PageRequest(id, form, http, sessions, antiforgery, clock), action, command, cancellationToken));

    /// <summary>What every action form's POST binds, passed on to the one handler behind all four actions.</summary>
    private sealed record PageRequest(Guid Id, ActionForm? Form, HttpContext Http, LedgerSessions Sessions, IAntiforgery Antiforgery, TimeProvider Clock);

    /// <summary>The pages decide through the same <see cref="ReviewDecider"/> as the API; only the answer is a page.</summary>
    private static async Task<IResult> ActFromPageAsync(PageRequest request, string action, PageCommand command, CancellationToken cancellationToken)
    {
        var (id, form, http, sessions, antiforgery, clock) = request;
        // Every action form carries the version its page showed (a form with none of its fields binds to null);
        // without it the action would act on whatever the file has become since, so it is refused, not guessed.
        if (form?.ExpectedVersion is not >= 0)
        {
            return Refusal.InvalidFields(new Dictionary<string, IReadOnlyList<Bilingual>>
            {
                ["expectedVersion"] = [new("表单缺少页面显示的版本号（expectedVersion），请刷新页面后重试。",
                    "expectedVersion, the version the page showed, is required; reload the page and try again.")],
            }).ToProblem();
        }

        var decision = command(form, http.Request.Form, Me(http));
        if (decision.Accepted(out var reviewCommand, out var refusal))
        {
            await using var session = sessions.OpenForRequest(http);
            if ((await ReviewActionHandler.ActAsync(session, id, form.ExpectedVersion, reviewCommand, clock.GetUtcNow(), cancellationToken))
                .Accepted(out _, out refusal))
            {
                return Results.Redirect($"/review/applications/{id}?notice={action}");
            }
        }

        return refusal switch
        {
            // A stale page is reloaded with the message: the reviewer sees what changed before trying again.
            { Code: ReviewActionHandler.Stale } => Results.Redirect($"/review/applications/{id}?notice=stale"),
            { Kind: RefusalKind.NotFound } => refusal.ToProblem(),
            _ => await DetailAsync(id, http, sessions, antiforgery, null, refusal.ChineseText(), StatusCodes.Status409Conflict, cancellationToken),
        };
    }

    private static string? Notice(string? code) => code switch
    {
        "claim" => "已认领，请开始审核。",
        "approval" => "已终审通过。",
        "rejection" => "已作审核不通过处理。",
        "revision" => "已退回申报人修改。",
        "stale" => ReviewActionHandler.StaleReason.Chinese + "页面已刷新为最新内容。",
        _ => null,
    };

    private static string Me(HttpContext http) => LedgerSessions.ActingFor(http).UserId;

    private static string Header(HttpContext http)
    {
        var name = http.User.FindFirst("display_name")?.Value ?? Me(http);
        return $"<form method=\"post\" action=\"/account/logout\" class=\"meta\">当前用户：{E(name)}（{E(Me(http))}） <button type=\"submit\">退出登录</button>{AntiforgeryField(http)}</form>";
    }

    private static string AntiforgeryField(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">";
    }

    private static string QueueBody(QueueFilter filter, ListPage<ReviewQueueItem> items, IReadOnlyDictionary<ApplicationStatus, int> counts, int page)
    {
        var html = new StringBuilder("<p>");
        foreach (var (status, count) in counts)
        {
            html.Append("<a href=\"/review?status=").Append(status).Append("\">").Append(E(status.Chinese())).Append("</a> <strong>").Append(count).Append("</strong>　");
        }

        html.Append("</p><form method=\"get\" action=\"/review\" class=\"inline\"><label>状态 <select name=\"status\"><option value=\"\">全部</option>");
        foreach (var status in QueueFilter.Counted)
        {
            html.Append("<option value=\"").Append(status).Append('"').Append(status == filter.Status ? " selected" : "").Append('>').Append(E(status.Chinese())).Append("</option>");
        }

        html.Append("</select></label><label>级别 <select name=\"level\"><option value=\"\">全部</option>");
        foreach (var level in Enum.GetValues<TitleLevel>())
        {
            html.Append("<option value=\"").Append(level).Append('"').Append(level == filter.Level ? " selected" : "").Append('>').Append(E(level.Chinese())).Append("</option>");
        }

        html.Append("</select></label><label>专业 <input name=\"specialty\" value=\"").Append(E(filter.Specialty)).Append("\" size=\"8\"></label>")
            .Append("<label>提交日期 <input type=\"date\" name=\"from\" value=\"").Append(E(filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).Append("\"> 至 ")
            .Append("<input type=\"date\" name=\"to\" value=\"").Append(E(filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).Append("\"></label>")
            .Append("<label><input type=\"checkbox\" name=\"mine\" value=\"true\"").Append(filter.Mine ? " checked" : "").Append("> 只看我认领的</label>")
            .Append("<label>排序 <select name=\"sort\">")
            .Append(Option(QueueSort.Oldest, "最早提交在前", filter.Sort)).Append(Option(QueueSort.Newest, "最新提交在前", filter.Sort)).Append(Option(QueueSort.Name, "按姓名", filter.Sort))
            .Append("</select></label><button type=\"submit\">筛选</button></form>");

        html.Append("<table><thead><tr><th>姓名</th><th>工作单位</th><th>专业</th><th>级别</th><th>状态</th><th>认领人</th><th>本次修改</th><th>提交时间</th></tr></thead><tbody>");
        foreach (var item in items.Items)
        {
            html.Append("<tr><td><a href=\"/review/applications/").Append(item.Id).Append("\">").Append(E(item.ApplicantName)).Append("</a></td><td>").Append(E(item.Employer))
                .Append("</td><td>").Append(E(item.Specialty)).Append("</td><td>").Append(E(item.Level.Chinese())).Append("</td><td>").Append(E(item.Status.Chinese()))
                .Append("</td><td>").Append(E(item.AssignedTo ?? "—")).Append("</td><td>")
                .Append(item.ChangedModules.Count > 0 ? "<span class=\"overdue\">已修改：" + E(string.Join("、", item.ChangedModules.Select(ApplicationModules.Label))) + "</span>" : "")
                .Append("</td><td>").Append(E(Moment(item.QueuedAt))).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        var query = $"status={filter.Status}&level={filter.Level}&specialty={Uri.EscapeDataString(filter.Specialty ?? "")}&from={filter.From:yyyy-MM-dd}&to={filter.To:yyyy-MM-dd}&mine={filter.Mine}&sort={filter.Sort}";
        return html.Append(Pager(page, PageSize, items.Total, n => $"/review?{query}&page={n}")).ToString();
    }

    private static string Option(QueueSort value, string label, QueueSort selected) =>
        $"<option value=\"{value}\"{(value == selected ? " selected" : "")}>{E(label)}</option>";

    private static async Task<IResult> DetailAsync(Guid id, HttpContext http, LedgerSessions sessions, IAntiforgery antiforgery, string? notice, string? error, int status,
        CancellationToken cancellationToken)
    {
        await using var query = sessions.Query();
        var item = await query.LoadAsync<ReviewQueueItem>(id, cancellationToken);
        var application = await query.Events.AggregateStreamAsync<ApplicationLifecycle>(id, token: cancellationToken);
        if (item is null || application is null)
        {
            return ReviewQueueEndpoints.NotInQueue(id).ToProblem();
        }

        var history = await query.Events.FetchStreamAsync(id, token: cancellationToken);
        var html = new StringBuilder(Header(http));
        if (notice is not null)
        {
            html.Append("<p class=\"ok\" role=\"status\">").Append(E(notice)).Append("</p>");
        }

        if (error is not null)
        {
            html.Append("<p class=\"err\" role=\"alert\">").Append(E(error)).Append("</p>");
        }

        html.Append("<p>状态：<strong>").Append(E(application.Status.Chinese())).Append("</strong>　认领人：").Append(E(application.Reviewer ?? "尚未认领"))
            .Append("　版本：").Append(application.Version).Append("</p>");
        html.Append("<h2>申报材料</h2><table><tbody>");
        Module(html, item, ApplicationModules.Basic, [("姓名", application.ApplicantName), ("工作单位", application.Employer)]);
        Module(html, item, ApplicationModules.Declaration, [("系列", item.Series), ("专业", application.Specialty), ("申报级别", application.Level.Chinese()), ("评审批次", application.CycleId)]);
        html.Append("</tbody></table>");
        var latest = LatestDossier.From(history.Select(e => e.Data));
        html.Append(DossierSections.Render(id, latest, item.ChangedModules));
        if (history.Select(e => e.Data).OfType<RevisionRequested>().LastOrDefault() is { } revision)
        {
            html.Append("<h2>最近一次退回意见</h2><ul>");
            foreach (var comment in revision.Comments)
            {
                html.Append("<li><strong>").Append(E(ApplicationModules.Label(comment.Module))).Append("</strong>：").Append(E(comment.Comment)).Append("</li>");
            }

            html.Append("</ul>");
        }

        html.Append(Actions(http, id, application, antiforgery, latest.Dossier is null ? ApplicationModules.DeclarationOnly : ApplicationModules.All));
        html.Append("<h2>办理记录</h2><ol class=\"timeline\">");
        foreach (var e in history)
        {
            var who = e.Headers?.GetValueOrDefault(ActingContext.UserIdHeader)?.ToString() ?? e.UserName ?? "未知";
            var role = e.Headers?.GetValueOrDefault(ActingContext.RoleHeader)?.ToString() ?? "";
            html.Append("<li><strong>").Append(E(EventNames.Chinese(e.EventTypeName))).Append("</strong> <span class=\"meta\">")
                .Append(E(Moment(e.Timestamp))).Append(" · ").Append(E(who)).Append(role.Length > 0 ? "（" + E(role) + "）" : "").Append(" · 第 ").Append(e.Version).Append(" 版</span>")
                .Append(EventData(JsonSerializer.Serialize(e.Data, e.Data.GetType(), Pretty))).Append("</li>");
        }

        html.Append("</ol>");
        return Render($"申报审核：{application.ApplicantName}", Section, Navigation, html.ToString(), status: status);
    }

    /// <summary>Short event data inline; a whole dossier folded away (it is shown module by module above), open on a click, no script.</summary>
    private static string EventData(string json) => json.Length <= 1500
        ? $"<pre>{E(json)}</pre>"
        : $"<details><summary>事件数据（{json.Length:N0} 字符，点击展开）</summary><pre>{E(json)}</pre></details>";

    private static readonly JsonSerializerOptions Pretty = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    private static void Module(StringBuilder html, ReviewQueueItem item, string module, (string Label, string Value)[] fields)
    {
        var changed = item.ChangedModules.Select(ApplicationModules.CodeOf).Contains(module);
        html.Append("<tr><th colspan=\"2\">").Append(E(ApplicationModules.Label(module))).Append(changed ? " <span class=\"overdue\">（本次重新提交已修改）</span>" : "").Append("</th></tr>");
        foreach (var (label, value) in fields)
        {
            html.Append("<tr><td>").Append(E(label)).Append("</td><td>").Append(E(value)).Append("</td></tr>");
        }
    }

    private static string Actions(HttpContext http, Guid id, ApplicationLifecycle application, IAntiforgery antiforgery, IReadOnlyList<string> modules)
    {
        var me = Me(http);
        var tokens = antiforgery.GetAndStoreTokens(http);
        string Form(string action, string confirm, string inner, string button) =>
            $"<form method=\"post\" action=\"/review/applications/{id}/{action}\" class=\"action-{action}\">"
            + $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">"
            + $"<input type=\"hidden\" name=\"expectedVersion\" value=\"{application.Version}\">{inner}"
            + $"<button type=\"submit\" onclick=\"return confirm('{E(confirm)}')\">{E(button)}</button></form>";

        var html = new StringBuilder("<h2>审核操作</h2>");
        var canClaim = application.Status is ApplicationStatus.Submitted or ApplicationStatus.Resubmitted
            && (application.Reviewer is null || application.Reviewer == me);
        if (canClaim)
        {
            html.Append(Form("claim", "确认认领该申报？", "", "认领审核"));
        }
        else if (application.Status == ApplicationStatus.UnderReview && application.Reviewer == me)
        {
            html.Append("<h3>退回修改</h3>").Append(Form("revision", "确认退回申报人修改？",
                string.Concat(modules.Select(module => $"<p><label>{E(ApplicationModules.Label(module))} 修改意见<br><textarea name=\"{E(CommentField(module))}\" rows=\"2\" cols=\"60\" maxlength=\"1000\"></textarea></label></p>")), "退回修改"))
                .Append("<h3>终审</h3>").Append(Form("approval", "确认终审通过？终审通过后进入公示与缴费。", "", "终审通过"))
                .Append("<h3>审核不通过</h3>").Append(Form("rejection", "确认审核不通过？此操作不可撤销。",
                    "<p><label>理由<br><textarea name=\"reason\" rows=\"2\" cols=\"60\" maxlength=\"1000\" required></textarea></label></p>", "审核不通过"));
        }
        else
        {
            html.Append("<p class=\"meta\">").Append(application.Reviewer is { } other && other != me
                ? E($"该申报由 {other} 审核。")
                : E($"当前状态（{application.Status.Chinese()}）下没有可执行的审核操作。")).Append("</p>");
        }

        return html.ToString();
    }

    /// <summary>The form field of a module's revision comment; the first two keep the names the page always had.</summary>
    private static string CommentField(string module) => module switch
    {
        ApplicationModules.Basic => "basicComment",
        ApplicationModules.Declaration => "declarationComment",
        // The field names the label, as the page always did, so a form posted before the codes still reads.
        _ => $"comment:{ApplicationModules.Label(module)}",
    };

    private static string Moment(DateTimeOffset moment) => ChinaTime.ToMinute(moment);
}
