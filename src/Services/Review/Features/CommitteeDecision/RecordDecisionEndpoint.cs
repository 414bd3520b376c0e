using Marten;
using TitleReview.ServiceDefaults.Ledger;
using TitleReview.Contracts.Cycles;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.WorkingDays;
using TitleReview.Contracts.Ledger;
using TitleReview.ServiceDefaults.EventStore;
using TitleReview.ServiceDefaults.Http;

namespace TitleReview.Review.Features.CommitteeDecision;

public static class RecordDecisionEndpoint
{
    public static RouteGroupBuilder MapCommitteeDecision(this RouteGroupBuilder group)
    {
        group.MapPost("/decisions", async (RecordDecisionRequest? request, HttpContext http, LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken) =>
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

            var id = request.ApplicationId!.Value;
            await using var session = sessions.OpenForRequest(http);
            var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(id, cancellationToken);
            if (stream.Aggregate is not { } application)
            {
                return Problems.NotFound($"没有编号为 {id} 的申报。", $"No application with id {id}.");
            }

            if (!application.ReadyForCommittee)
            {
                // The ledger, not the request, decides whether the committee may vote (notice 二(一), 五).
                return Problems.Conflict(
                    $"该申报当前为“{application.Status.Chinese()}”：须公示结束、已缴费且未作出决定，方可由评委会评审。",
                    $"The application is '{application.Status.English()}': the committee decides only after publicity completed and the fee is paid, once.");
            }

            var cycle = ReviewCycles.Get(application.CycleId);
            var total = request.MembersTotal!.Value;
            var present = request.MembersPresent!.Value;
            if (!cycle.HasQuorum(total, present))
            {
                return Problems.Unprocessable(
                    $"出席人数 {present}/{total} 未达到法定人数（{cycle.QuorumNumerator}/{cycle.QuorumDenominator}），会议不能作出评审决定。",
                    $"{present} of {total} members present is below the quorum of {cycle.QuorumNumerator}/{cycle.QuorumDenominator}; the meeting cannot decide.",
                    new Dictionary<string, object?> { ["rule"] = "committee-quorum" });
            }

            var passed = cycle.Passes(present, request.VotesFor!.Value);
            var decided = new CommitteeDecided(id, request.MeetingId ?? Guid.NewGuid(), request.MeetingDate!.Value, total, present,
                request.VotesFor.Value, request.VotesAgainst!.Value, request.Abstentions!.Value, passed, clock.GetUtcNow());
            stream.AppendOne(decided);
            await session.SaveChangesAsync(cancellationToken);
            return Results.Ok(decided);
        })
        .WithName("RecordCommitteeDecision");
        return group;
    }
}
