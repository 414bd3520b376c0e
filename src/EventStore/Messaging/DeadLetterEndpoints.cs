using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RabbitMQ.Client.Exceptions;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.ServiceDefaults.Operations;
using TitleReview.Domain;
using TitleReview.Web.Http;

namespace TitleReview.EventStore.Messaging;

/// <summary>
/// The administrator's view of this service's dead letters (<c>GET /api/admin/dead-letters</c>) and their replay
/// (<c>POST /api/admin/dead-letters/replay</c>, one message by id or all). The CLI's <c>dead-letters</c> verbs call these.
/// </summary>
public static class DeadLetterEndpoints
{
    private const int FirstPerQueue = 20;

    public static IEndpointRouteBuilder MapDeadLetters(this IEndpointRouteBuilder app)
    {
        app.MapGet(DeadLetterOperations.ListRoute, ListAsync).RequireRoles(Roles.Admin);
        app.MapPost(DeadLetterOperations.ReplayRoute, ReplayAsync).RequireRoles(Roles.Admin);
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<DeadLetterQueue>>, ProblemHttpResult>> ListAsync(DeadLetterStore store, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await store.ListAsync(FirstPerQueue, cancellationToken));
        }
        catch (BrokerUnreachableException)
        {
            return BrokerAway();
        }
    }

    public static async Task<Results<Ok<DeadLetterReplay>, ProblemHttpResult>> ReplayAsync(DeadLetterReplayRequest? request, DeadLetterStore store,
        CancellationToken cancellationToken)
    {
        try
        {
            var replay = await store.ReplayAsync(request?.MessageId, cancellationToken);
            return request?.MessageId is { } id && replay.Replayed == 0
                ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Problems.TitleFor(StatusCodes.Status404NotFound),
                    detail: new Bilingual($"死信队列中没有消息 {id}。", $"No dead letter has message id {id}.").ToString())
                : TypedResults.Ok(replay);
        }
        catch (BrokerUnreachableException)
        {
            return BrokerAway();
        }
    }

    private static ProblemHttpResult BrokerAway() =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: Problems.TitleFor(StatusCodes.Status503ServiceUnavailable),
            detail: new Bilingual("暂时无法连接消息队列，请稍后重试。", "The message broker cannot be reached; try again later.").ToString());
}
