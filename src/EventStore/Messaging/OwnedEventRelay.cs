using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using TitleReview.EventStore;
using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.ServiceDefaults.Telemetry;

namespace TitleReview.EventStore.Messaging;

/// <summary>
/// The outbox: relays the events this service owns from the ledger to RabbitMQ. The async daemon records how far
/// it got only after a batch is published, so a crash or a broker outage delays messages but never loses them;
/// a batch published twice is absorbed by the consumers' idempotency. The daemon is woken by the commit itself
/// (<see cref="RelayWakeUp"/>), its polling only the safety net.
/// </summary>
public sealed class OwnedEventRelay : SubscriptionBase
{
    public const string StreamIdHeader = "tr-stream-id";
    public const string StreamVersionHeader = "tr-stream-version";
    public const string SequenceHeader = "tr-sequence";
    public const string EventTypeHeader = "tr-event-type";

    private static readonly ActivitySource RelaySource = new(TracePropagation.RelaySourceName);

    private readonly ServiceName service;
    private readonly IBus bus;
    private readonly ConsumerTopology topology;
    private readonly ILogger<OwnedEventRelay> logger;
    private readonly ResiliencePipeline untilPublished;
    private readonly RelayPages pages;

    public OwnedEventRelay(ServiceIdentity identity, IBus bus, ConsumerTopology topology, RelayPages pages, ILogger<OwnedEventRelay> logger)
    {
        this.pages = pages;
        service = identity.Name;
        this.bus = bus;
        this.topology = topology;
        this.logger = logger;
        foreach (var definition in EventCatalog.OwnedBy(identity.Name))
        {
            IncludeType(definition.Type);
        }

        // Keep trying while the broker is away: giving up would stop the subscription, and stopping is worse
        // than waiting because nothing after this batch would ever be relayed.
        untilPublished = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(5),
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
                OnRetry = args =>
                {
                    logger.LogWarning(args.Outcome.Exception, "{Service} relay could not publish (attempt {Attempt}); retrying", identity.Name, args.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(TimeSpan.FromSeconds(10))
            .Build();
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var publishing = pages.Publishing();
        var owned = page.Events.Where(@event => EventCatalog.IsOwnedBy(@event.EventType, service)).ToList();
        // What a failed attempt already published is not published again by the next (the consumers would absorb it,
        // but a broker that is merely slow would otherwise see the whole page again on every retry).
        var published = new HashSet<Guid>();
        await untilPublished.ExecuteAsync(async token =>
        {
            // Every consumer's queue is bound before the first event leaves, or an event could reach an exchange
            // that nothing listens to yet and be dropped (once per process; retried with the publish).
            await topology.EnsureDeclaredAsync(token);
            await Task.WhenAll(RelayBatch.InStreamOrder(owned, published).Select(stream => PublishInOrderAsync(stream, published, token)));
        }, cancellationToken);

        logger.LogDebug("{Service} relay published {Count} events up to sequence {Sequence} in {Elapsed} ms", service, owned.Count,
            page.SequenceCeiling, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return NullChangeListener.Instance;
    }

    /// <summary>
    /// One stream's events one after another (a consumer that folds a stream sees them in the ledger's order), while
    /// the page's other streams publish at the same time: the broker confirms them together instead of one round trip
    /// per event, which is what held the relay to a few hundred events a second.
    /// </summary>
    private async Task PublishInOrderAsync(IReadOnlyList<IEvent> stream, HashSet<Guid> published, CancellationToken token)
    {
        foreach (var @event in stream)
        {
            await PublishAsync(@event, token);
            lock (published)
            {
                published.Add(@event.Id);
            }
        }
    }

    /// <summary>
    /// Publishes inside a span that continues the trace the event was appended in (MassTransit then carries it to every
    /// consumer), so the portal's POST, this relay and each consumer show as one trace, not one each.
    /// </summary>
    private async Task PublishAsync(IEvent @event, CancellationToken token)
    {
        using var span = TracePropagation.ContextIn(@event.Headers) is { } appended
            ? RelaySource.StartActivity($"relay {@event.EventTypeName}", ActivityKind.Producer, appended)
            : RelaySource.StartActivity($"relay {@event.EventTypeName}", ActivityKind.Producer);
        span?.SetTag("titlereview.sequence", @event.Sequence);
        await PublishInSpanAsync(@event, token);
    }

    private Task PublishInSpanAsync(IEvent @event, CancellationToken token) =>
        bus.Publish(@event.Data, @event.EventType, Pipe.Execute<PublishContext>(context =>
        {
            // The event id is the message id: every consumer's idempotency key survives any number of re-publishes.
            context.MessageId = @event.Id;
            if (Guid.TryParse(@event.CorrelationId, out var correlation))
            {
                context.CorrelationId = correlation;
            }

            context.Headers.Set(StreamIdHeader, @event.StreamId.ToString());
            context.Headers.Set(StreamVersionHeader, @event.Version);
            context.Headers.Set(SequenceHeader, @event.Sequence);
            context.Headers.Set(EventTypeHeader, @event.EventTypeName);
        }), token);
}
