using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TitleReview.Contracts.Events;
using TitleReview.Domain;
using TitleReview.Domain.Cycles;
using TitleReview.Domain.Lifecycle;
using TitleReview.Domain.WorkingDays;
using TitleReview.EventStore;
using TitleReview.Review.Features.ReviewActions;
using TitleReview.Web.Http;

namespace TitleReview.Review.Features.CommitteeDecision;

public static class RecordDecisionEndpoint
{
    public static RouteGroupBuilder MapCommitteeDecision(this RouteGroupBuilder group)
    {
        group.MapPost("/decisions", RecordAsync).WithName("RecordCommitteeDecision");
        return group;
    }

    public static async Task<Results<Ok<CommitteeDecided>, ProblemHttpResult>> RecordAsync(
        RecordDecisionRequest? request, HttpContext http, LedgerSessions sessions, ReviewCycleCatalogue cycles,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (RecordDecisionRequest.Check(request, clock.Today()) is { } invalid)
        {
            return invalid.ToProblem();
        }

        await using var session = sessions.OpenForRequest(http);
        var vote = new Vote(request!.MeetingId ?? Guid.NewGuid(), request.MeetingDate!.Value,
            request.MembersTotal!.Value, request.MembersPresent!.Value,
            request.VotesFor!.Value, request.VotesAgainst!.Value, request.Abstentions!.Value);
        if (!(await DecideAsync(session, request.ApplicationId!.Value, vote, cycles, clock.GetUtcNow(),
            cancellationToken))
            .Accepted(out var decided, out var refusal))
        {
            return refusal.ToProblem();
        }

        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(decided);
    }

    /// <summary>Loads the application for writing, decides with its cycle and appends; the caller saves.</summary>
    public static async Task<Decision<CommitteeDecided>> DecideAsync(IDocumentSession session, Guid applicationId,
        Vote vote, ReviewCycleCatalogue cycles,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(applicationId, cancellationToken);
        if (stream.Aggregate is not { } application)
        {
            return ReviewActionHandler.NotFound(applicationId);
        }

        var decision = CommitteeVote.Decide(CommitteeCandidate.Of(applicationId, application), vote,
            cycles.Get(application.CycleId), now);
        if (decision.Accepted(out var decided, out _))
        {
            stream.AppendOne(decided);
        }

        return decision;
    }
}
