using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TitleReview.Contracts;

namespace TitleReview.EventStore.Messaging;

public static class MessagingRegistration
{
    public const string ConnectionName = TitleReview.ServiceDefaults.ConnectionNames.Broker;

    /// <summary>
    /// <c>Messaging:Consumers=false</c> runs an instance that publishes (its relay) but consumes nothing: a jobs-only
    /// or read-only instance, and extra instances in tests, which would otherwise compete for the same queues.
    /// </summary>
    public const string ConsumersSetting = "Messaging:Consumers";

    /// <summary>
    /// <c>Messaging:RetryLimit</c>: immediate retries before a message goes to its _error queue (default 8, about half a
    /// minute with the backoff); a test that needs a real dead letter sets 0.
    /// </summary>
    public const string RetryLimitSetting = "Messaging:RetryLimit";

    /// <summary>
    /// <c>Messaging:QuorumQueues</c> (default true): consumer queues are quorum queues. A queue's type is fixed when it
    /// is first declared, so a broker that already holds these queues as classic ones (a local install from before)
    /// refuses the declaration: delete the queues (they are empty when the services are stopped and caught up) or set false.
    /// </summary>
    public const string QuorumQueuesSetting = "Messaging:QuorumQueues";

    /// <summary>
    /// MassTransit on RabbitMQ for one service: queues named after the service, retries with exponential backoff
    /// (a concurrent append to the same stream is the usual cause and succeeds on retry), then, when PostgreSQL is
    /// away longer than that, delayed redeliveries (<see cref="DelayedRedelivery"/>), then the _error queue.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(
        this IHostApplicationBuilder builder, ServiceName service, Action<IBusRegistrationConfigurator>? consumers = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} is not set. Start RabbitMQ with 'deploy/local/infra.sh up' or run through the AppHost.");
        var broker = new Uri(connectionString);
        var consume = builder.Configuration.GetValue(ConsumersSetting, true);

        // Stopping must end: without a timeout MassTransit waits for the bus to stop with no limit, and a host whose
        // broker connection broke (an outage, a rolling upgrade) hung on shutdown forever; a test host's disposal after
        // the broker-outage test hung a whole CI run. The bus is still stopped; only the wait is bounded.
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(options =>
        {
            options.StopTimeout = TimeSpan.FromSeconds(30);
            options.ConsumerStopTimeout = TimeSpan.FromSeconds(20);
        });

        var consumerQueues = new ConsumerQueues();
        builder.Services.AddSingleton(consumerQueues);
        var quorum = builder.Configuration.GetValue(QuorumQueuesSetting, true);
        builder.Services.AddSingleton(new DeadLetterStore(broker, consumerQueues, quorum));
        // One monitor per process: it owns the dead-letter gauge, and the health check reads its count.
        var deadLetterPolls = builder.Configuration.GetValue(DeadLetterMonitor.PollIntervalSetting, DeadLetterMonitor.DefaultPollInterval);
        builder.Services.AddSingleton(services => new DeadLetterMonitor(
            services.GetRequiredService<DeadLetterStore>(), deadLetterPolls, services.GetRequiredService<ILogger<DeadLetterMonitor>>()));
        builder.Services.AddHostedService(services => services.GetRequiredService<DeadLetterMonitor>());
        builder.Services.AddHealthChecks().AddCheck<DeadLetterHealthCheck>("dead-letters");
        var retries = builder.Configuration.GetValue(RetryLimitSetting, 8);
        builder.Services.AddSingleton(_ => new ConsumerTopology(broker, quorum));
        var delay = builder.Configuration.GetValue(DelayedRedelivery.DelaySetting, DelayedRedelivery.DefaultDelay);
        var delayedLimit = builder.Configuration.GetValue(DelayedRedelivery.LimitSetting, DelayedRedelivery.DefaultLimit);
        builder.Services.AddSingleton(services => new DelayedRedelivery(broker, quorum, delay, delayedLimit, services.GetRequiredService<ILogger<DelayedRedelivery>>()));

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(service.ToString().ToLowerInvariant(), false));
            // Every queue the bus consumes from, as configured: the dead-letter tools look beside each for its _error queue.
            bus.AddConfigureEndpointsCallback((queue, endpoint) =>
            {
                consumerQueues.Add(queue);
                // Quorum queues: replicated across a RabbitMQ cluster's nodes, so a node lost is no message lost.
                if (quorum && endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.SetQuorumQueue();
                }
            });
            if (consume)
            {
                consumers?.Invoke(bus);
            }
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker.Host, (ushort)(broker.IsDefaultPort ? 5672 : broker.Port), VirtualHostOf(broker), host =>
                {
                    var credentials = Uri.UnescapeDataString(broker.UserInfo).Split(':', 2);
                    if (credentials.Length == 2)
                    {
                        host.Username(credentials[0]);
                        host.Password(credentials[1]);
                    }
                });
                // Before the retries: this wraps them, and sees a database outage only once they gave up (off: nothing added).
                context.GetRequiredService<DelayedRedelivery>().Configure(rabbit);
                // No retry filter at all for 0: MassTransit's exponential policy with no retries fails with an index
                // error of its own, which would dead-letter every message for the wrong reason.
                if (retries > 0)
                {
                    rabbit.UseMessageRetry(retry => retry.Exponential(
                        retries, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200)));
                }
                rabbit.ConfigureEndpoints(context);
            });
        });

        return builder;
    }

    private static string VirtualHostOf(Uri broker)
    {
        var path = Uri.UnescapeDataString(broker.AbsolutePath.TrimStart('/'));
        return path.Length == 0 ? "/" : path;
    }
}
