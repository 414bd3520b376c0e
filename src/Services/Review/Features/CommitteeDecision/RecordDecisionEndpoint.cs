using TitleReview.Domain.Cycles;
using TitleReview.Domain.WorkingDays;
using TitleReview.EventStore;
using TitleReview.Web.Http;

namespace TitleReview.Review.Features.CommitteeDecision;

public static class RecordDecisionEndpoint
{
    public static RouteGroupBuilder MapCommitteeDecision(this RouteGroupBuilder group)
    {
        group.MapPost("/decisions", RecordCommitteeDecision)
        .WithName("RecordCommitteeDecision");
        return group;
    }

    private static async Task<IResult> RecordCommitteeDecision(RecordDecisionRequest? request, HttpContext http, LedgerSessions sessions, ReviewCycleCatalogue cycles, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["body"] = ["请求体不能为空。 / The request body is required."] });
        }

        var errors = request.Validate();
        if (request.MeetingDate > clock.Today())
        {
            errors["meetingDate"] = ["会议日期不能晚于今天：决定须在会议召开后记录。 / meetingDate cannot be in the future: a decision is recorded after the meeting."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        await using var session = sessions.OpenForRequest(http);
        var vote = new Vote(request.MeetingId ?? Guid.NewGuid(), request.MeetingDate!.Value, request.MembersTotal!.Value, request.MembersPresent!.Value,
            request.VotesFor!.Value, request.VotesAgainst!.Value, request.Abstentions!.Value);
        var decision = await CommitteeVote.RecordAsync(session, request.ApplicationId!.Value, vote, cycles, clock.GetUtcNow(), cancellationToken);
        if (!decision.Accepted(out var decided, out var refusal))
        {
            return refusal.ToProblem();
        }

        await session.SaveChangesAsync(cancellationToken);
        return Results.Ok(decided);
    }
}
