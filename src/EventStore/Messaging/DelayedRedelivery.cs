using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Context;
using MassTransit.RabbitMqTransport;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace TitleReview.EventStore.Messaging;

/// <summary>
/// Redelivers a message later when its consumer failed because PostgreSQL is away (<see cref="DatabaseUnavailable"/>)
/// and the immediate retries did not outlast the outage: the message as it came (body, AMQP properties, headers,
/// message id — the consumer's processed-message record absorbs a duplicate) waits in a queue beside its consumer
/// queue, "&lt;queue&gt;_delay_&lt;n&gt;ms", which has a message TTL and dead-letters an expired message back to the
/// consumer queue through the default exchange. That is RabbitMQ's own engine: no scheduler and no delayed-message
/// plugin (neither is installed). The original is acknowledged only after the broker confirmed the copy.
/// After <see cref="Limit"/> delayed redeliveries a message still failing goes to its _error queue as before; any
/// other failure never waits and takes today's path unchanged.
/// </summary>
public sealed class DelayedRedelivery : IAsyncDisposable
{
    /// <summary>
    /// <c>Messaging:DelayedRedelivery:Delay</c> (default 00:00:30): how long a message waits before it is tried again.
    /// One fixed delay per wait queue, because RabbitMQ expires messages only at a queue's head: messages of different
    /// TTLs in one queue would wait behind each other. The delay is part of the wait queue's name, so instances that
    /// disagree during a configuration change declare two queues instead of refusing each other's declaration.
    /// </summary>
    public const string DelaySetting = "Messaging:DelayedRedelivery:Delay";

    /// <summary>
    /// <c>Messaging:DelayedRedelivery:Limit</c> (default 20): delayed redeliveries before the message goes to its _error
    /// queue; 0 turns delayed redelivery off. Each wait follows a round of immediate retries (about half a minute with
    /// the defaults), so the defaults outlast about twenty minutes of outage.
    /// </summary>
    public const string LimitSetting = "Messaging:DelayedRedelivery:Limit";

    public static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(30);

    public const int DefaultLimit = 20;

    /// <summary>
    /// The AMQP header counting a message's delayed redeliveries. MassTransit's redelivery filter counts with its own
    /// header (MT-Redelivery-Count) read from the serialized envelope, which the copy leaves as it came, so the filter
    /// is shown this count under that name (<see cref="CountedConsumeContext{TMessage}"/>); without it every delivery
    /// would look like the first and a message would wait for ever.
    /// </summary>
    public const string CountHeader = "TitleReview-Delayed-Redeliveries";

    private static readonly Counter<long> Redelivered = MessagingMetrics.Meter.CreateCounter<long>(
        "titlereview.messaging.delayed_redeliveries", description: "Messages put in a wait queue because PostgreSQL was unavailable");

    private readonly Uri broker;
    private readonly bool quorum;
    private readonly ILogger<DelayedRedelivery> logger;
    private readonly SemaphoreSlim connecting = new(1, 1);
    private readonly ConcurrentDictionary<string, byte> declared = new(StringComparer.Ordinal);
    private IConnection? connection;

    public DelayedRedelivery(Uri broker, bool quorum, TimeSpan delay, int limit, ILogger<DelayedRedelivery> logger)
    {
        if (delay <= TimeSpan.Zero || delay > TimeSpan.FromDays(1))
        {
            throw new InvalidOperationException($"{DelaySetting} must be more than zero and at most a day, not {delay}.");
        }

        if (limit < 0)
        {
            throw new InvalidOperationException($"{LimitSetting} must be 0 (off) or more, not {limit}.");
        }

        this.broker = broker;
        this.quorum = quorum;
        this.logger = logger;
        Delay = delay;
        Limit = limit;
    }

    public TimeSpan Delay { get; }

    public int Limit { get; }

    public bool Enabled => Limit > 0;

    /// <summary>The wait queue beside <paramref name="queue"/> for <paramref name="delay"/>.</summary>
    public static string WaitQueueOf(string queue, TimeSpan delay) =>
        string.Create(CultureInfo.InvariantCulture, $"{queue}_delay_{(long)delay.TotalMilliseconds}ms");

    public string WaitQueueOf(string queue) => WaitQueueOf(queue, Delay);

    /// <summary>
    /// Adds delayed redelivery to every message type the bus consumes. Must be called before UseMessageRetry: MassTransit
    /// builds each message type's pipe in the order of these calls, so this filter wraps the immediate retries and
    /// sees a failure only once they gave up.
    /// </summary>
    public void Configure(IConsumePipeConfigurator bus)
    {
        if (!Enabled)
        {
            return;
        }

        _ = new WaitQueueRedeliveryObserver(bus, this, redelivery =>
        {
            redelivery.Handle<Exception>(DatabaseUnavailable.Is);
            redelivery.Interval(Limit, Delay);
        });
    }

    /// <summary>Puts the received message in its consumer queue's wait queue and returns once the broker confirmed it.</summary>
    internal async Task WaitAsync(ConsumeContext context)
    {
        var received = context.ReceiveContext;
        if (!received.TryGetPayload<RabbitMqBasicConsumeContext>(out var delivery))
        {
            throw new InvalidOperationException("Delayed redelivery needs a message received from RabbitMQ.");
        }

        var queue = Uri.UnescapeDataString(received.InputAddress.Segments[^1].TrimEnd('/'));
        var waitQueue = WaitQueueOf(queue);
        var count = CountOf(delivery) + 1;
        var properties = new BasicProperties(delivery.Properties)
        {
            Headers = new Dictionary<string, object?>(delivery.Properties.Headers ?? new Dictionary<string, object?>(), StringComparer.Ordinal)
            {
                [CountHeader] = count,
            },
        };

        var cancellationToken = context.CancellationToken;
        var open = await ConnectAsync(cancellationToken);
        await using var channel = await open.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        if (!declared.ContainsKey(waitQueue))
        {
            await channel.QueueDeclareAsync(waitQueue, durable: true, exclusive: false, autoDelete: false, WaitQueueArguments(queue), cancellationToken: cancellationToken);
            declared.TryAdd(waitQueue, 0);
        }

        // Mandatory with confirmation tracking: an unroutable copy (the wait queue deleted meanwhile) or a nack throws.
        // The original is then not acknowledged as waiting: MassTransit's redelivery filter fails and the message goes to
        // its _error queue, where nothing is lost and a replay brings it back. The queue is forgotten as declared, so the
        // next wait declares it again instead of failing the same way.
        try
        {
            await channel.BasicPublishAsync("", waitQueue, mandatory: true, properties, received.Body.GetBytes(), cancellationToken);
        }
        catch
        {
            declared.TryRemove(waitQueue, out _);
            throw;
        }

        Redelivered.Add(1, new KeyValuePair<string, object?>("queue", queue));
        logger.LogWarning("PostgreSQL unavailable: message {MessageId} from {Queue} waits {Delay} in {WaitQueue} (delayed redelivery {Count} of {Limit})",
            context.MessageId, queue, Delay, waitQueue, count, Limit);
    }

    /// <summary>How many times the message received has waited already (0 the first time).</summary>
    private static int CountOf(RabbitMqBasicConsumeContext delivery) =>
        delivery.Properties.Headers is { } headers && headers.TryGetValue(CountHeader, out var value) ? value switch
        {
            int count => count,
            long count => (int)Math.Min(count, int.MaxValue),
            byte[] text when int.TryParse(System.Text.Encoding.UTF8.GetString(text), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) => count,
            IConvertible other => other.ToInt32(CultureInfo.InvariantCulture),
            _ => 0,
        } : 0;

    /// <summary>
    /// The same arguments on every declaration by every instance (RabbitMQ refuses a redeclaration that differs).
    /// With quorum consumer queues the wait queue is a quorum queue too, for the same reason (a node lost is no
    /// message lost), with at-least-once dead-lettering so an expired message leaves only once the consumer queue has
    /// it; that strategy needs reject-publish overflow. With classic consumer queues, a durable classic queue.
    /// </summary>
    private Dictionary<string, object?> WaitQueueArguments(string queue)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["x-message-ttl"] = (long)Delay.TotalMilliseconds,
            ["x-dead-letter-exchange"] = "",
            ["x-dead-letter-routing-key"] = queue,
        };
        if (quorum)
        {
            arguments["x-queue-type"] = "quorum";
            arguments["x-dead-letter-strategy"] = "at-least-once";
            arguments["x-overflow"] = "reject-publish";
        }

        return arguments;
    }

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        if (connection is { IsOpen: true } current)
        {
            return current;
        }

        await connecting.WaitAsync(cancellationToken);
        try
        {
            if (connection is { IsOpen: true } other)
            {
                return other;
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            connection = await new ConnectionFactory { Uri = broker, ClientProvidedName = "titlereview-delayed-redelivery" }.CreateConnectionAsync(cancellationToken);
            declared.Clear();
            return connection;
        }
        finally
        {
            connecting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        connecting.Dispose();
    }

    /// <summary>
    /// MassTransit's redelivery configuration (the one UseDelayedRedelivery uses: its redelivery retry filter, its
    /// fault handling, its redelivery-count header) with the wait queue in place of a scheduler.
    /// </summary>
    private sealed class WaitQueueRedeliveryObserver(IConsumePipeConfigurator configurator, DelayedRedelivery owner, Action<IRedeliveryConfigurator> configure)
        : ScheduledRedeliveryConfigurationObserver(configurator, configure)
    {
        protected override IRedeliveryPipeSpecification AddRedeliveryPipeSpecification<TMessage>(IConsumePipeConfigurator configurator)
        {
            var specification = new WaitQueueRedeliverySpecification<TMessage>(owner);
            configurator.AddPipeSpecification(specification);
            return specification;
        }
    }

    private sealed class WaitQueueRedeliverySpecification<TMessage>(DelayedRedelivery owner) : IPipeSpecification<ConsumeContext<TMessage>>, IRedeliveryPipeSpecification
        where TMessage : class
    {
        public RedeliveryOptions Options { get; set; }

        public void Apply(IPipeBuilder<ConsumeContext<TMessage>> builder) => builder.AddFilter(new WaitQueueRedeliveryFilter<TMessage>(owner));

        public IEnumerable<ValidationResult> Validate() => [];
    }

    /// <summary>
    /// Gives the consume context the redelivery MassTransit's redelivery retry filter asks for and, for a message that
    /// waited before, the count of its waits under MassTransit's header name. A message that never waited passes as it is.
    /// </summary>
    private sealed class WaitQueueRedeliveryFilter<TMessage>(DelayedRedelivery owner) : IFilter<ConsumeContext<TMessage>>
        where TMessage : class
    {
        public Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
        {
            if (context.ReceiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var delivery) && CountOf(delivery) is > 0 and var count)
            {
                context = new CountedConsumeContext<TMessage>(context, count);
            }

            context.GetOrAddPayload<MessageRedeliveryContext>(() => new WaitQueueRedeliveryContext(owner, context));
            return next.Send(context);
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("waitQueueRedelivery").Add("delay", owner.Delay.ToString("c", CultureInfo.InvariantCulture));
    }

    private sealed class WaitQueueRedeliveryContext(DelayedRedelivery owner, ConsumeContext context) : MessageRedeliveryContext
    {
        // The delay MassTransit's policy computes is the configured one; the wait queue's TTL is what applies.
        public Task ScheduleRedelivery(TimeSpan delay, Action<ConsumeContext, SendContext>? callback = null) => owner.WaitAsync(context);
    }

    private sealed class CountedConsumeContext<TMessage>(ConsumeContext<TMessage> context, int count) : ConsumeContextProxy<TMessage>(context)
        where TMessage : class
    {
        public override MassTransit.Headers Headers { get; } = new CountedHeaders(context.Headers, count);
    }

    /// <summary>The envelope's headers with MessageHeaders.RedeliveryCount answered from <see cref="CountHeader"/>.</summary>
    private sealed class CountedHeaders(MassTransit.Headers headers, int count) : MassTransit.Headers
    {
        public IEnumerable<KeyValuePair<string, object>> GetAll() =>
            headers.GetAll().Where(header => header.Key != MessageHeaders.RedeliveryCount).Append(new(MessageHeaders.RedeliveryCount, count));

        public bool TryGetHeader(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out object? value)
        {
            if (key == MessageHeaders.RedeliveryCount)
            {
                value = count;
                return true;
            }

            return headers.TryGetHeader(key, out value);
        }

        public T? Get<T>(string key, T? defaultValue = null)
            where T : class => headers.Get(key, defaultValue);

        public T? Get<T>(string key, T? defaultValue = null)
            where T : struct => key == MessageHeaders.RedeliveryCount && count is T counted ? counted : headers.Get(key, defaultValue);

        public IEnumerator<HeaderValue> GetEnumerator() => GetAll().Select(header => new HeaderValue(header.Key, header.Value)).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
