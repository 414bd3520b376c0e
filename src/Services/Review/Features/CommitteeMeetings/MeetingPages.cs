using Marten;
using Microsoft.AspNetCore.Mvc;
using TitleReview.Contracts;
using TitleReview.Domain.Cycles;
using TitleReview.EventStore;
using TitleReview.Domain;
using TitleReview.Review.Features.ReviewPages;
using TitleReview.Web.Http;
using TitleReview.BackOffice;

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

/// <summary>One meeting in the list, with whether its attendance reaches its own cycle's quorum.</summary>
public sealed record MeetingRow(CommitteeMeeting Meeting, bool HasQuorum);

/// <summary>
/// The committee secretary's pages (评委会集中评审): meetings, attendance, the agenda with a vote form per application,
/// the minutes. The pages are Razor components (MeetingListPage, MeetingPage); these handlers bind, decide and read.
/// </summary>
public static class MeetingPages
{
    public static RouteGroupBuilder MapMeetingPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/", async (LedgerSessions sessions, ReviewCycleCatalogue cycles, CancellationToken cancellationToken) =>
            await ListAsync(sessions, cycles, null, cancellationToken));
        pages.MapPost("/meetings", CreateFromFormAsync);
        pages.MapGet("/meetings/{id:guid}", (Guid id, string? notice, LedgerSessions sessions, ReviewCycleCatalogue cycles, CancellationToken cancellationToken) =>
            MeetingAsync(id, new PageContext(sessions, cycles), notice == "voted" ? "已记录表决结果，评审决定已生效。" : null, null, StatusCodes.Status200OK, cancellationToken));
        pages.MapPost("/meetings/{id:guid}/votes", VoteFromFormAsync);
        return pages;
    }

    /// <summary>What every page of a meeting reads from the services.</summary>
    private sealed record PageContext(LedgerSessions Sessions, ReviewCycleCatalogue Cycles);

    private static async Task<IResult> CreateFromFormAsync([FromForm] MeetingForm? form, HttpContext http, LedgerSessions sessions, ReviewCycleCatalogue cycles,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        static List<string> Lines(string? text) => [.. (text ?? "").Split(['\n', '\r', '、', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        var command = CreateMeeting.From(new CreateMeetingRequest(form?.MeetingDate, null, Lines(form?.Members), Lines(form?.Present)), LedgerSessions.ActingFor(http).UserId);
        if (!Meetings.Register(command, cycles.Find(command.CycleId), clock).Accepted(out var meeting, out var refusal))
        {
            // The page's form requires both: their absence is a client's problem, not a person's typo to show on the page.
            return form?.MeetingDate is null || string.IsNullOrWhiteSpace(form.Members)
                ? refusal.ToProblem()
                : await ListAsync(sessions, cycles, refusal.ChineseText(), cancellationToken, StatusCodes.Status400BadRequest);
        }

        await using var session = sessions.OpenForRequest(http);
        session.Store(meeting);
        await session.SaveChangesAsync(cancellationToken);
        return Results.Redirect($"/committee/meetings/{meeting.Id}");
    }

    private static async Task<IResult> VoteFromFormAsync(Guid id, [FromForm] VoteForm? form, HttpContext http, LedgerSessions sessions, ReviewCycleCatalogue cycles,
        TimeProvider clock, CancellationToken cancellationToken)
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
            ? Results.Redirect($"/committee/meetings/{id}?notice=voted")
            : await MeetingAsync(id, new PageContext(sessions, cycles), null,
                "表决未记录：请核对票数（合计须等于出席人数）、会议是否达到法定人数、申报是否仍在议程中。", StatusCodes.Status400BadRequest, cancellationToken);
    }

    private static async Task<IResult> ListAsync(LedgerSessions sessions, ReviewCycleCatalogue cycles, string? error, CancellationToken cancellationToken,
        int status = StatusCodes.Status200OK)
    {
        await using var query = sessions.Query();
        var meetings = await query.Query<CommitteeMeeting>().OrderByDescending(m => m.MeetingDate).Take(50).ToListAsync(cancellationToken);
        List<MeetingRow> rows = [.. meetings.Select(m => new MeetingRow(m, m.HasQuorum(cycles.Get(m.CycleId))))];
        return Pages.Render<MeetingListPage>(new { Meetings = rows, Error = error }, status);
    }

    private static async Task<IResult> MeetingAsync(Guid id, PageContext page, string? success, string? error, int status, CancellationToken cancellationToken)
    {
        var (sessions, cycles) = page;
        await using var query = sessions.Query();
        if (await query.LoadAsync<CommitteeMeeting>(id, cancellationToken) is not { } meeting)
        {
            return Meetings.NoSuchMeeting(id).ToProblem();
        }

        var cycle = cycles.Get(meeting.CycleId);
        IReadOnlyList<AgendaItem> agenda = meeting.HasQuorum(cycle) ? await Meetings.AgendaAsync(query, meeting, cancellationToken) : [];
        return Pages.Render<MeetingPage>(new { Meeting = meeting, Cycle = cycle, Agenda = agenda, Success = success, Error = error }, status);
    }
}
