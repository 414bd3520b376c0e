using TitleReview.ServiceDefaults.OpenApi;

namespace TitleReview.ServiceDefaults.Operations;

/// <summary>
/// One message a consumer gave up on, as the error queue holds it (MassTransit's fault headers); <paramref name="Where"/>
/// is the top frame of the failure's stack, enough to tell which code failed without reading the logs.
/// </summary>
public sealed record DeadLetter(Guid? MessageId, string? MessageType, string? Reason, string? ExceptionType, DateTimeOffset? FailedAt, string? Where);

/// <summary>A consumer queue's error queue: how many messages wait there, and the first of them.</summary>
public sealed record DeadLetterQueue(string Queue, string ErrorQueue, long Count, IReadOnlyList<DeadLetter> First);

/// <summary>What a replay moved back to the consumers' queues.</summary>
public sealed record DeadLetterReplay(int Replayed, IReadOnlyList<Guid?> MessageIds);

/// <summary>Which messages to replay: one (by its message id) or, without an id, every message of every error queue.</summary>
public sealed record DeadLetterReplayRequest(Guid? MessageId);

/// <summary>The admin operations every service that consumes messages maps (see the messaging registration).</summary>
public static class DeadLetterOperations
{
    public const string ListRoute = "/api/admin/dead-letters";
    public const string ReplayRoute = "/api/admin/dead-letters/replay";

    /// <summary>The service's own operations with the dead-letter operations added.</summary>
    public static ApiOperations WithDeadLetters(this ApiOperations operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        operations["GET " + ListRoute] = new("ListDeadLetters", "死信队列（消费失败的消息） / Messages the consumers gave up on, per queue", Success: typeof(List<DeadLetterQueue>));
        operations["POST " + ReplayRoute] = new("ReplayDeadLetters", "重放死信（一条或全部） / Replay one dead letter, or all of them", Success: typeof(DeadLetterReplay), Problems: [404, 503]);
        return operations;
    }
}
