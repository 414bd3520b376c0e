using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TitleReview.Contracts;
using TitleReview.Domain;
using TitleReview.Domain.Cycles;
using TitleReview.Domain.Lifecycle;
using TitleReview.Domain.WorkingDays;
using TitleReview.EventStore;
using TitleReview.Review.Features.ApiDocumentation;
using TitleReview.Review.Features.CommitteeDecision;
using TitleReview.Web.Http;

namespace TitleReview.Review.Features.CommitteeMeetings;

public sealed record CreateMeetingRequest(
    DateOnly? MeetingDate, string? CycleId, IReadOnlyList<string>? Members, IReadOnlyList<string>? Present);

public sealed record MeetingVoteRequest(Guid? ApplicationId, int? VotesFor, int? VotesAgainst, int? Abstentions);

public sealed record AgendaItem(Guid ApplicationId, string ApplicantName, string Employer, string Specialty,
    string Level);

/// <summary>A meeting as the API shows it, with its attendance counted and its quorum under its own cycle.</summary>
public sealed record MeetingView(
    Guid Id,
    string CycleId,
    DateOnly MeetingDate,
    List<string> Members,
    List<string> Present,
    int MembersTotal,
    int MembersPresent,
    bool HasQuorum,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    List<MeetingDecision> Decisions)
{
    public static MeetingView Of(CommitteeMeeting m, ReviewCycle cycle) => new(m.Id, m.CycleId, m.MeetingDate,
        m.Members, m.Present, m.Members.Count, m.Present.Count, m.HasQuorum(cycle), m.CreatedBy, m.CreatedAt, m.Decisions);
}

public sealed record MeetingList(IEnumerable<MeetingView> Items, int Page, int PageSize, int Total);

/// <summary>
/// The committee secretary's API: create a meeting, read its agenda, record votes, export the minutes.
/// </summary>
public static class MeetingEndpoints
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static RouteGroupBuilder MapCommitteeMeetings(this RouteGroupBuilder committee)
    {
        committee.MapPost("/meetings", CreateAsync);
        committee.MapGet("/meetings", ListAsync);
        committee.MapGet("/meetings/{id:guid}", GetAsync);
        committee.MapGet("/meetings/{id:guid}/agenda", AgendaAsync);
        committee.MapPost("/meetings/{id:guid}/votes", VoteAsync);
        committee.MapGet("/meetings/{id:guid}/minutes", MinutesAsync);
        return committee;
    }

    public static async Task<Results<Created<MeetingView>, ProblemHttpResult>> CreateAsync(
        CreateMeetingRequest? request, HttpContext http, LedgerSessions sessions, ReviewCycleCatalogue cycles,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var command = CreateMeeting.From(request, LedgerSessions.ActingFor(http).UserId);
        var cycle = cycles.Find(command.CycleId);
        if (!Meetings.Register(command, cycle, clock).Accepted(out var meeting, out var refusal))
        {
            return refusal.ToProblem();
        }

        await using var session = sessions.OpenForRequest(http);
        session.Store(meeting);
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/committee/meetings/{meeting.Id}", MeetingView.Of(meeting, cycle!));
    }

    public static async Task<Results<Ok<MeetingList>, ProblemHttpResult>> ListAsync(
        int? page, int? pageSize, LedgerSessions sessions, ReviewCycleCatalogue cycles,
        CancellationToken cancellationToken)
    {
        var paging = Paging.Of(page, pageSize, 20, 100);
        if (paging.Problem is not null)
        {
            return TypedAnswers.AsProblem(paging.Problem);
        }

        await using var query = sessions.Query();
        var total = await query.Query<CommitteeMeeting>().CountAsync(cancellationToken);
        var items = await query.Query<CommitteeMeeting>()
            .OrderByDescending(m => m.MeetingDate).ThenByDescending(m => m.CreatedAt)
            .Skip((paging.Page - 1) * paging.Size).Take(paging.Size).ToListAsync(cancellationToken);
        var views = items.Select(m => MeetingView.Of(m, cycles.Get(m.CycleId))).ToList();
        return TypedResults.Ok(new MeetingList(views, paging.Page, paging.Size, total));
    }

    public static async Task<Results<Ok<MeetingView>, ProblemHttpResult>> GetAsync(
        Guid id, LedgerSessions sessions, ReviewCycleCatalogue cycles, CancellationToken cancellationToken)
    {
        await using var query = sessions.Query();
        return await query.LoadAsync<CommitteeMeeting>(id, cancellationToken) is { } meeting
            ? TypedResults.Ok(MeetingView.Of(meeting, cycles.Get(meeting.CycleId)))
            : Meetings.NoSuchMeeting(id).ToProblem();
    }

    public static async Task<Results<Ok<IReadOnlyList<AgendaItem>>, ProblemHttpResult>> AgendaAsync(
        Guid id, LedgerSessions sessions, CancellationToken cancellationToken)
    {
        await using var query = sessions.Query();
        return await query.LoadAsync<CommitteeMeeting>(id, cancellationToken) is { } meeting
            ? TypedResults.Ok(await Meetings.AgendaAsync(query, meeting, cancellationToken))
            : Meetings.NoSuchMeeting(id).ToProblem();
    }

    public static async Task<Results<Ok<MeetingDecision>, ProblemHttpResult>> VoteAsync(
        Guid id, MeetingVoteRequest? request, HttpContext http, LedgerSessions sessions, ReviewCycleCatalogue cycles,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var session = sessions.OpenForRequest(http);
        var decision = await Meetings.VoteAsync(session, id, request, cycles, clock.GetUtcNow(), cancellationToken);
        return decision.Accepted(out var decided, out var refusal) ? TypedResults.Ok(decided) : refusal.ToProblem();
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> MinutesAsync(
        Guid id, LedgerSessions sessions, ReviewCycleCatalogue cycles, CancellationToken cancellationToken)
    {
        await using var query = sessions.Query();
        if (await query.LoadAsync<CommitteeMeeting>(id, cancellationToken) is not { } meeting)
        {
            return Meetings.NoSuchMeeting(id).ToProblem();
        }

        var name = $"minutes-{meeting.MeetingDate:yyyy-MM-dd}-{meeting.Id.ToString()[..8]}.xlsx";
        return TypedResults.File(MeetingMinutes.Xlsx(meeting, cycles.Get(meeting.CycleId)), Xlsx, name);
    }
}

/// <summary>
/// The steps the API and the secretary's pages share: load, decide through <see cref="MeetingDecider"/>, store.
/// </summary>
public static class Meetings
{
    public static Refusal NoSuchMeeting(Guid id) =>
        Refusal.NotFound("meeting-not-found", new($"没有编号为 {id} 的评审会议。", $"No committee meeting {id}."));

    /// <summary>Decides a registration now: China's date and a time-ordered id from the clock.</summary>
    public static Decision<CommitteeMeeting> Register(CreateMeeting command, ReviewCycle? cycle, TimeProvider clock) =>
        MeetingDecider.Decide(command, cycle, ChinaTime.Today(clock), Guid.CreateVersion7(clock.GetUtcNow()),
            clock.GetUtcNow());

    /// <summary>Every application of the meeting's cycle ready for the committee (<see cref="CommitteeAgenda"/>).</summary>
    public static Task<IReadOnlyList<AgendaItem>> AgendaAsync(IQuerySession query, CommitteeMeeting meeting, CancellationToken cancellationToken) =>
        CommitteeAgenda.ForAsync(query, meeting, cancellationToken);

    /// <summary>
    /// One vote of a meeting: the meeting decides whether it may vote, the application's ledger what it decides.
    /// </summary>
    public static async Task<Decision<MeetingDecision>> VoteAsync(IDocumentSession session, Guid meetingId,
        MeetingVoteRequest? request, ReviewCycleCatalogue cycles, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<CommitteeMeeting>(meetingId, cancellationToken) is not { } meeting)
        {
            return NoSuchMeeting(meetingId);
        }

        if (!MeetingDecider.Decide(meeting, request, cycles.Get(meeting.CycleId)).Accepted(out var vote,
            out var refusal))
        {
            return refusal;
        }

        var applicationId = request!.ApplicationId!.Value;
        var decision = await RecordDecisionEndpoint.DecideAsync(session, applicationId, vote, cycles, now,
            cancellationToken);
        if (!decision.Accepted(out var decided, out refusal))
        {
            return refusal;
        }

        var application = await session.Events.AggregateStreamAsync<ApplicationLifecycle>(applicationId,
            token: cancellationToken);
        var line = new MeetingDecision(applicationId, application!.ApplicantName, application.Specialty,
            application.Level,
            decided.VotesFor, decided.VotesAgainst, decided.Abstentions, decided.Passed, now);
        meeting.Decisions.Add(line);
        // The meeting document is versioned: two secretaries recording votes at once cannot lose one of the lines.
        session.Store(meeting);
        await session.SaveChangesAsync(cancellationToken);
        return line;
    }
}
