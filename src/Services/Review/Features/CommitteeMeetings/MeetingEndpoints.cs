using Marten;
using TitleReview.Domain.Cycles;
using TitleReview.Review.Features.CommitteeDecision;
using TitleReview.Review.Features.ReviewQueue;
using TitleReview.EventStore;
using TitleReview.Web.Http;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Review.Features.CommitteeMeetings;

public sealed record CreateMeetingRequest(DateOnly? MeetingDate, string? CycleId, IReadOnlyList<string>? Members, IReadOnlyList<string>? Present);

public sealed record MeetingVoteRequest(Guid? ApplicationId, int? VotesFor, int? VotesAgainst, int? Abstentions);

public sealed record AgendaItem(Guid ApplicationId, string ApplicantName, string Employer, string Specialty, string Level);

/// <summary>The committee secretary's API: create a meeting, read its agenda, record votes, export the minutes.</summary>
public static class MeetingEndpoints
{
    public const int MaxMembers = 100;

    public static RouteGroupBuilder MapCommitteeMeetings(this RouteGroupBuilder committee)
    {
        committee.MapPost("/meetings", async (CreateMeetingRequest? request, HttpContext http, LedgerSessions sessions, ReviewCycleCatalogue cycles, TimeProvider clock,
            CancellationToken cancellationToken) =>
        {
            var (meeting, errors) = Meetings.Create(request, LedgerSessions.ActingFor(http).UserId, cycles, clock);
            if (meeting is null)
            {
                return Problems.Validation(errors);
            }

            await using var session = sessions.OpenForRequest(http);
            session.Store(meeting);
            await session.SaveChangesAsync(cancellationToken);
            return Results.Created($"/api/committee/meetings/{meeting.Id}", Meetings.View(meeting, cycles));
        });

        committee.MapGet("/meetings", async (int? page, int? pageSize, LedgerSessions sessions, ReviewCycleCatalogue cycles, CancellationToken cancellationToken) =>
        {
            var paging = Paging.Of(page, pageSize, 20, 100);
            if (paging.Problem is not null)
            {
                return paging.Problem;
            }

            await using var query = sessions.Query();
            var total = await query.Query<CommitteeMeeting>().CountAsync(cancellationToken);
            var items = await query.Query<CommitteeMeeting>().OrderByDescending(m => m.MeetingDate).ThenByDescending(m => m.CreatedAt)
                .Skip((paging.Page - 1) * paging.Size).Take(paging.Size).ToListAsync(cancellationToken);
            return Results.Ok(new { items = items.Select(m => Meetings.View(m, cycles)), page = paging.Page, pageSize = paging.Size, total });
        });

        committee.MapGet("/meetings/{id:guid}", async (Guid id, LedgerSessions sessions, ReviewCycleCatalogue cycles, CancellationToken cancellationToken) =>
        {
            await using var query = sessions.Query();
            return await query.LoadAsync<CommitteeMeeting>(id, cancellationToken) is { } meeting ? Results.Ok(Meetings.View(meeting, cycles)) : Meetings.NoSuchMeeting(id);
        });

        committee.MapGet("/meetings/{id:guid}/agenda", async (Guid id, LedgerSessions sessions, CancellationToken cancellationToken) =>
        {
            await using var query = sessions.Query();
            return await query.LoadAsync<CommitteeMeeting>(id, cancellationToken) is { } meeting
                ? Results.Ok(await Meetings.AgendaAsync(query, meeting, cancellationToken))
                : Meetings.NoSuchMeeting(id);
        });

        committee.MapPost("/meetings/{id:guid}/votes", async (Guid id, MeetingVoteRequest? request, HttpContext http, LedgerSessions sessions,
            ReviewCycleCatalogue cycles, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            await using var session = sessions.OpenForRequest(http);
            var (problem, decision) = await Meetings.VoteAsync(session, id, request, cycles, clock.GetUtcNow(), cancellationToken);
            return problem ?? Results.Ok(decision);
        });

        committee.MapGet("/meetings/{id:guid}/minutes", async (Guid id, LedgerSessions sessions, ReviewCycleCatalogue cycles, CancellationToken cancellationToken) =>
        {
            await using var query = sessions.Query();
            return await query.LoadAsync<CommitteeMeeting>(id, cancellationToken) is { } meeting
                ? Results.File(MeetingMinutes.Xlsx(meeting, cycles), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"minutes-{meeting.MeetingDate:yyyy-MM-dd}-{meeting.Id.ToString()[..8]}.xlsx")
                : Meetings.NoSuchMeeting(id);
        });
        return committee;
    }
}

/// <summary>The meeting rules both the API and the secretary's pages use.</summary>
public static class Meetings
{
    public static object View(CommitteeMeeting m, ReviewCycleCatalogue cycles) => new
    {
        m.Id, m.CycleId, m.MeetingDate, m.Members, m.Present, membersTotal = m.Members.Count, membersPresent = m.Present.Count, hasQuorum = m.HasQuorumUnder(cycles),
        m.CreatedBy, m.CreatedAt, m.Decisions,
    };

    public static IResult NoSuchMeeting(Guid id) => Problems.NotFound($"没有编号为 {id} 的评审会议。", $"No committee meeting {id}.");

    public static (CommitteeMeeting? Meeting, Dictionary<string, string[]> Errors) Create(CreateMeetingRequest? request, string createdBy,
        ReviewCycleCatalogue cycles, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        var cycleId = string.IsNullOrWhiteSpace(request?.CycleId) ? ReviewCycleCatalogue.Xishan2023 : request.CycleId.Trim();
        if (cycles.Find(cycleId) is null)
        {
            errors["cycleId"] = [$"未知的评审批次“{cycleId}”。 / Unknown review cycle '{cycleId}'."];
        }

        if (request?.MeetingDate is not { } date)
        {
            errors["meetingDate"] = ["必须给出会议日期（YYYY-MM-DD）。 / meetingDate (YYYY-MM-DD) is required."];
        }
        else if (date > TitleReview.Domain.WorkingDays.ChinaTime.Today(clock))
        {
            errors["meetingDate"] = ["会议日期不能晚于今天：会议召开后再登记。 / meetingDate cannot be in the future."];
        }

        var members = (request?.Members ?? []).Select(m => m?.Trim() ?? "").ToList();
        if (members.Count == 0 || members.Count > MeetingEndpoints.MaxMembers || members.Any(m => m.Length is 0 or > 50) || members.Distinct().Count() != members.Count)
        {
            errors["members"] = [$"评委名单须有 1 到 {MeetingEndpoints.MaxMembers} 名不重复的委员。 / members lists 1 to {MeetingEndpoints.MaxMembers} distinct names."];
        }

        var present = (request?.Present ?? []).Select(m => m?.Trim() ?? "").ToList();
        if (present.Distinct().Count() != present.Count || present.Any(p => !members.Contains(p)))
        {
            errors["present"] = ["出席委员须是评委名单中的人，且不重复。 / present lists members of the committee, each once."];
        }

        return errors.Count > 0
            ? (null, errors)
            : (new CommitteeMeeting
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                CycleId = cycleId,
                MeetingDate = request!.MeetingDate!.Value,
                Members = members,
                Present = present,
                CreatedBy = createdBy,
                CreatedAt = clock.GetUtcNow(),
            }, errors);
    }

    /// <summary>Every application whose publicity completed and whose fee is paid, not yet decided: read from the ledger, not from a message.</summary>
    public static async Task<IReadOnlyList<AgendaItem>> AgendaAsync(IQuerySession query, CommitteeMeeting meeting, CancellationToken cancellationToken)
    {
        var approved = await query.Query<ReviewQueueItem>().Where(i => i.Status == TitleReview.Contracts.Ledger.ApplicationStatus.FinalApproved)
            .OrderBy(i => i.QueuedAt).ToListAsync(cancellationToken);
        var agenda = new List<AgendaItem>();
        foreach (var item in approved)
        {
            var application = await query.Events.AggregateStreamAsync<ApplicationLifecycle>(item.Id, token: cancellationToken);
            if (application is { ReadyForCommittee: true } && application.CycleId == meeting.CycleId)
            {
                agenda.Add(new AgendaItem(item.Id, application.ApplicantName, application.Employer, application.Specialty, TitleReview.Contracts.TitleLevelNames.Chinese(application.Level)));
            }
        }

        return agenda;
    }

    /// <summary>The sum of the votes does not match those present: the only vote error a person at the page can make with a well-formed form.</summary>
    public const string VotesSum = "votes";

    /// <summary>
    /// Each count is a whole number from 0 to those present, checked one by one before any arithmetic, and the sum is
    /// taken in long: int.MaxValue + int.MaxValue + 8 wrapped to 6 and passed for "six present".
    /// </summary>
    public static Dictionary<string, string[]> VoteErrors(MeetingVoteRequest? request, int present)
    {
        var errors = new Dictionary<string, string[]>();
        if (request?.ApplicationId is null || request.ApplicationId == Guid.Empty)
        {
            errors["applicationId"] = ["必须给出申报编号。 / applicationId is required."];
        }

        foreach (var (field, chinese, count) in new[] { ("votesFor", "赞成", request?.VotesFor), ("votesAgainst", "反对", request?.VotesAgainst), ("abstentions", "弃权", request?.Abstentions) })
        {
            if (count is not >= 0 || count > present)
            {
                errors[field] = [$"{chinese}票数须为 0 到出席人数 {present} 之间的整数。 / {field} must be a whole number from 0 to the {present} members present."];
            }
        }

        if (errors.Count == 0 && (long)request!.VotesFor!.Value + request.VotesAgainst!.Value + request.Abstentions!.Value != present)
        {
            errors[VotesSum] = [$"赞成、反对、弃权票数合计须等于出席人数 {present}。 / votesFor + votesAgainst + abstentions must equal the {present} members present."];
        }

        return errors;
    }

    public static async Task<(IResult? Problem, MeetingDecision? Decision)> VoteAsync(IDocumentSession session, Guid meetingId, MeetingVoteRequest? request,
        ReviewCycleCatalogue cycles, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var meeting = await session.LoadAsync<CommitteeMeeting>(meetingId, cancellationToken);
        if (meeting is null)
        {
            return (NoSuchMeeting(meetingId), null);
        }

        if (VoteErrors(request, meeting.Present.Count) is { Count: > 0 } errors)
        {
            return (Problems.Validation(errors), null);
        }

        var applicationId = request!.ApplicationId!.Value;

        // An invalid meeting cannot decide anything, whatever the votes say.
        if (CommitteeVote.QuorumRefusal(cycles.Get(meeting.CycleId), meeting.Members.Count, meeting.Present.Count) is { } inquorate)
        {
            return (inquorate.ToProblem(), null);
        }

        var vote = new Vote(meeting.Id, meeting.MeetingDate, meeting.Members.Count, meeting.Present.Count, request.VotesFor!.Value, request.VotesAgainst!.Value, request.Abstentions!.Value);
        if (!(await CommitteeVote.RecordAsync(session, applicationId, vote, cycles, now, cancellationToken)).Accepted(out var decided, out var refusal))
        {
            return (refusal.ToProblem(), null);
        }

        var application = await session.Events.AggregateStreamAsync<ApplicationLifecycle>(applicationId, token: cancellationToken);
        var decision = new MeetingDecision(applicationId, application!.ApplicantName, application.Specialty, application.Level,
            decided.VotesFor, decided.VotesAgainst, decided.Abstentions, decided.Passed, now);
        meeting.Decisions.Add(decision);
        // The meeting document is versioned: two secretaries recording votes at once cannot lose one of the lines.
        session.Store(meeting);
        await session.SaveChangesAsync(cancellationToken);
        return (null, decision);
    }
}
