using System.Globalization;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using TitleReview.Contracts;
using TitleReview.Domain.Cycles;
using TitleReview.EventStore;
using TitleReview.Domain;
using TitleReview.Review.Features.ReviewPages;
using TitleReview.Web.Http;
using static TitleReview.Web.Http.HtmlPage;

namespace TitleReview.Review.Features.CommitteeMeetings;

/// <summary>The create-meeting form's fields: members one per line, present ones ticked by name.</summary>
/// <remarks>A post with none of these fields binds to null, not to an empty form: the handlers take it as nullable.</remarks>
public sealed class MeetingForm
{
    public DateOnly? MeetingDate { get; set; }
    public string? Members { get; set; }
    public string? Present { get; set; }
}

public sealed class VoteForm
{
    public Guid? ApplicationId { get; set; }
    public int? VotesFor { get; set; }
    public int? VotesAgainst { get; set; }
    public int? Abstentions { get; set; }
}

/// <summary>The committee secretary's pages (评委会集中评审): meetings, attendance, the agenda with a vote form per application, the minutes.</summary>
public static class MeetingPages
{
    private const string Section = "评委会集中评审";
    private static readonly (string, string)[] Navigation = [("/committee", "评审会议")];

    public static RouteGroupBuilder MapMeetingPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/", async (HttpContext http, LedgerSessions sessions, ReviewCycleCatalogue cycles, IAntiforgery antiforgery, CancellationToken cancellationToken) =>
            Render("评审会议", Section, Navigation, await ListAsync(http, sessions, cycles, antiforgery, null, cancellationToken)));
        pages.MapPost("/meetings", CreateFromFormAsync);
        pages.MapGet("/meetings/{id:guid}", (Guid id, HttpContext http, LedgerSessions sessions, ReviewCycleCatalogue cycles, IAntiforgery antiforgery,
                CancellationToken cancellationToken) =>
            MeetingAsync(id, new PageContext(http, sessions, cycles, antiforgery), null, StatusCodes.Status200OK, cancellationToken));
        pages.MapPost("/meetings/{id:guid}/votes", VoteFromFormAsync);
        return pages;
    }

    /// <summary>What every page of a meeting reads from the request and the services.</summary>
    private sealed record PageContext(HttpContext Http, LedgerSessions Sessions, ReviewCycleCatalogue Cycles, IAntiforgery Antiforgery);

    private static async Task<IResult> CreateFromFormAsync([FromForm] MeetingForm? form, HttpContext http, LedgerSessions sessions, ReviewCycleCatalogue cycles,
        IAntiforgery antiforgery, TimeProvider clock, CancellationToken cancellationToken)
    {
        static List<string> Lines(string? text) => [.. (text ?? "").Split(['\n', '\r', '、', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        var command = CreateMeeting.From(new CreateMeetingRequest(form?.MeetingDate, null, Lines(form?.Members), Lines(form?.Present)), LedgerSessions.ActingFor(http).UserId);
        if (!Meetings.Register(command, cycles.Find(command.CycleId), clock).Accepted(out var meeting, out var refusal))
        {
            // The page's form requires both: their absence is a client's problem, not a person's typo to show on the page.
            return form?.MeetingDate is null || string.IsNullOrWhiteSpace(form.Members)
                ? refusal.ToProblem()
                : Render("评审会议", Section, Navigation, await ListAsync(http, sessions, cycles, antiforgery, refusal.ChineseText(), cancellationToken),
                    status: StatusCodes.Status400BadRequest);
        }

        await using var session = sessions.OpenForRequest(http);
        session.Store(meeting);
        await session.SaveChangesAsync(cancellationToken);
        return Results.Redirect($"/committee/meetings/{meeting.Id}");
    }

    private static async Task<IResult> VoteFromFormAsync(Guid id, [FromForm] VoteForm? form, HttpContext http, LedgerSessions sessions, ReviewCycleCatalogue cycles,
        IAntiforgery antiforgery, TimeProvider clock, CancellationToken cancellationToken)
    {
        var request = new MeetingVoteRequest(form?.ApplicationId, form?.VotesFor, form?.VotesAgainst, form?.Abstentions);
        await using (var query = sessions.Query())
        {
            // A missing, negative or impossible count is not something the page's form posts: a problem, not the page again.
            if (await query.LoadAsync<CommitteeMeeting>(id, cancellationToken) is { } meeting
                && MeetingDecider.VoteErrors(request, meeting.Present.Count) is { Count: > 0 } errors && errors.Keys.Any(k => k != MeetingDecider.VotesSum))
            {
                return Refusal.InvalidFields(errors).ToProblem();
            }
        }

        Decision<MeetingDecision> decision;
        await using (var session = sessions.OpenForRequest(http))
        {
            decision = await Meetings.VoteAsync(session, id, request, cycles, clock.GetUtcNow(), cancellationToken);
        }

        return !decision.IsRefused
            ? Results.Redirect($"/committee/meetings/{id}")
            : await MeetingAsync(id, new PageContext(http, sessions, cycles, antiforgery),
                "表决未记录：请核对票数（合计须等于出席人数）、会议是否达到法定人数、申报是否仍在议程中。", StatusCodes.Status400BadRequest, cancellationToken);
    }

    private static async Task<string> ListAsync(HttpContext http, LedgerSessions sessions, ReviewCycleCatalogue cycles, IAntiforgery antiforgery, string? error, CancellationToken cancellationToken)
    {
        await using var query = sessions.Query();
        var meetings = await query.Query<CommitteeMeeting>().OrderByDescending(m => m.MeetingDate).Take(50).ToListAsync(cancellationToken);
        var token = antiforgery.GetAndStoreTokens(http);
        var html = new StringBuilder();
        if (error is not null)
        {
            html.Append("<p class=\"err\" role=\"alert\">").Append(E(error)).Append("</p>");
        }

        html.Append("<table><thead><tr><th>会议日期</th><th>委员/出席</th><th>法定人数</th><th>已表决</th></tr></thead><tbody>");
        foreach (var m in meetings)
        {
            html.Append("<tr><td><a href=\"/committee/meetings/").Append(m.Id).Append("\">").Append(E(m.MeetingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
                .Append("</a></td><td>").Append(m.Members.Count).Append(" / ").Append(m.Present.Count).Append("</td><td>").Append(m.HasQuorum(cycles.Get(m.CycleId)) ? "已达到" : "<span class=\"overdue\">未达到</span>")
                .Append("</td><td>").Append(m.Decisions.Count).Append("</td></tr>");
        }

        html.Append("</tbody></table><h2>登记一次评审会议</h2><form method=\"post\" action=\"/committee/meetings\">")
            .Append("<input type=\"hidden\" name=\"").Append(E(token.FormFieldName)).Append("\" value=\"").Append(E(token.RequestToken)).Append("\">")
            .Append("<p><label>会议日期 <input type=\"date\" name=\"meetingDate\" required></label></p>")
            .Append("<p><label>评委名单（每行一人）<br><textarea name=\"members\" rows=\"6\" cols=\"30\" required></textarea></label></p>")
            .Append("<p><label>出席委员（每行一人）<br><textarea name=\"present\" rows=\"6\" cols=\"30\"></textarea></label></p>")
            .Append("<button type=\"submit\">登记会议</button></form>");
        return html.ToString();
    }

    private static async Task<IResult> MeetingAsync(Guid id, PageContext page, string? error, int status, CancellationToken cancellationToken)
    {
        var (http, sessions, cycles, antiforgery) = page;
        await using var query = sessions.Query();
        if (await query.LoadAsync<CommitteeMeeting>(id, cancellationToken) is not { } meeting)
        {
            return Meetings.NoSuchMeeting(id).ToProblem();
        }

        var cycle = cycles.Get(meeting.CycleId);
        var token = antiforgery.GetAndStoreTokens(http);
        var html = new StringBuilder();
        if (error is not null)
        {
            html.Append("<p class=\"err\" role=\"alert\">").Append(E(error)).Append("</p>");
        }

        html.Append("<p>").Append(E(cycle.CommitteeName)).Append("　委员 ").Append(meeting.Members.Count).Append(" 人，出席 ").Append(meeting.Present.Count).Append(" 人（")
            .Append(E(string.Join("、", meeting.Present))).Append("）。法定人数 ").Append(cycle.QuorumNumerator).Append('/').Append(cycle.QuorumDenominator)
            .Append(meeting.HasQuorum(cycle) ? "：已达到。" : "：<strong class=\"overdue\">未达到，本次会议不能作出评审决定。</strong>")
            .Append(" 通过标准：赞成票不少于出席人数的 ").Append(cycle.PassNumerator).Append('/').Append(cycle.PassDenominator).Append("。</p>")
            .Append("<p><a href=\"/api/committee/meetings/").Append(meeting.Id).Append("/minutes\">下载会议纪要（Excel）</a></p>");
        if (meeting.HasQuorum(cycle))
        {
            html.Append("<h2>议程（公示结束且已缴费）</h2><table><thead><tr><th>姓名</th><th>工作单位</th><th>专业</th><th>级别</th><th>表决</th></tr></thead><tbody>");
            foreach (var item in await Meetings.AgendaAsync(query, meeting, cancellationToken))
            {
                html.Append("<tr><td>").Append(E(item.ApplicantName)).Append("</td><td>").Append(E(item.Employer)).Append("</td><td>").Append(E(item.Specialty)).Append("</td><td>")
                    .Append(E(item.Level)).Append("</td><td><form method=\"post\" action=\"/committee/meetings/").Append(meeting.Id).Append("/votes\">")
                    .Append("<input type=\"hidden\" name=\"").Append(E(token.FormFieldName)).Append("\" value=\"").Append(E(token.RequestToken)).Append("\">")
                    .Append("<input type=\"hidden\" name=\"applicationId\" value=\"").Append(item.ApplicationId).Append("\">")
                    .Append("赞成 <input type=\"number\" name=\"votesFor\" min=\"0\" max=\"").Append(meeting.Present.Count).Append("\" required style=\"width:4em\"> ")
                    .Append("反对 <input type=\"number\" name=\"votesAgainst\" min=\"0\" required style=\"width:4em\"> ")
                    .Append("弃权 <input type=\"number\" name=\"abstentions\" min=\"0\" required style=\"width:4em\"> ")
                    .Append("<button type=\"submit\" onclick=\"return confirm('确认记录该表决结果？记录后不可更改。')\">记录表决</button></form></td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("<h2>已作出的决定</h2><table><thead><tr><th>姓名</th><th>专业</th><th>级别</th><th>赞成</th><th>反对</th><th>弃权</th><th>结果</th></tr></thead><tbody>");
        foreach (var d in meeting.Decisions)
        {
            html.Append("<tr><td>").Append(E(d.ApplicantName)).Append("</td><td>").Append(E(d.Specialty)).Append("</td><td>").Append(E(d.Level.Chinese())).Append("</td><td>")
                .Append(d.VotesFor).Append("</td><td>").Append(d.VotesAgainst).Append("</td><td>").Append(d.Abstentions).Append("</td><td>").Append(d.Passed ? "通过" : "未通过").Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        return Render($"评审会议 {meeting.MeetingDate:yyyy-MM-dd}", Section, Navigation, html.ToString(), status: status);
    }
}
