using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TitleReview.Contracts;
using TitleReview.Contracts.Events;
using TitleReview.EventStore.Messaging;
using TitleReview.ServiceDefaults;

namespace TitleReview.EventStore;

public static class EventStoreRegistration
{
    /// <summary>All services share one ledger schema for the event tables.</summary>
    public const string LedgerSchema = "ledger";

    public const string ConnectionName = ConnectionNames.Ledger;

    /// <summary><c>EventStore:MigrationLockTimeout</c> (default 2 minutes): how long start-up waits for other instances' schema changes.</summary>
    public const string MigrationLockTimeoutSetting = "EventStore:MigrationLockTimeout";

    /// <summary>
    /// Wires Marten for one service: the shared ledger, the service's own document schema, explicit event names,
    /// correlation/causation/user metadata, the ownership guard, and the relay of owned events to RabbitMQ
    /// run by the async daemon in hot/cold mode.
    /// </summary>
    public static IHostApplicationBuilder AddEventStore(
        this IHostApplicationBuilder builder, ServiceName service, Action<StoreOptions>? documents = null,
        ProjectionLifecycle lifecycleFold = ProjectionLifecycle.Live)
    {
        var connectionString = LedgerConnection.From(builder.Configuration);

        builder.Services.AddSingleton(new ServiceIdentity(service));
        builder.Services.AddSingleton<LedgerSessions>();
        var relayPages = new RelayPages();
        builder.Services.AddSingleton(relayPages);
        builder.Services.AddSingleton(new TitleReview.EventStore.Jobs.JobLeases(connectionString));
        builder.Services.AddSingleton<TitleReview.Web.Http.IExceptionProblemMapper, LedgerExceptionProblems>();

        var marten = builder.Services.AddMarten(options =>
            {
                options.Connection(connectionString);
                options.DatabaseSchemaName = service.ToString().ToLowerInvariant();
                ConfigureLedger(options, lifecycleFold);

                // Every service's daemon competes for leadership of its own subscriptions only: without a lock id
                // per service, the first service up would hold the lock and the others' relays would never run.
                options.Projections.DaemonLockId = 74_000 + (int)service;
                options.Listeners.Add(new EventOwnershipGuard(service));
                options.Schema.For<ProcessedMessage>();
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                // Every instance of every service migrates under one advisory lock at start-up. On a first install all
                // replicas start together and each waits for every migration before it, so Marten's 10 s default made
                // the later ones exit ("Unable to attain the global lock"); they wait their turn now. Not
                // ContinueOnFailures: that starts a replica against a schema its peer may not have finished.
                options.ApplyChangesLockTimeout = builder.Configuration.GetValue(MigrationLockTimeoutSetting, TimeSpan.FromMinutes(2));
                RelayWakeUp.Configure(options, builder.Configuration, relayPages);
                documents?.Invoke(options);
            })
            .UseLightweightSessions()
            // Create the tables at start-up, not on first use: lazy DDL races between instances and surprises readers.
            .ApplyAllDatabaseChangesOnStartup()
            .InitializeWith<HeadersMustBeAnObject>()
            .AddAsyncDaemon(DaemonMode.HotCold);

        // A service that owns no events (Audit) has nothing to relay: it reads the ledger and never writes to it.
        if (EventCatalog.OwnedBy(service).Any())
        {
            marten.AddSubscriptionWithServices<OwnedEventRelay>(ServiceLifetime.Singleton, subscription =>
            {
                subscription.Name = $"{service}Relay";
            });

            // How far the relay is behind the ledger: a gauge, and Degraded health past a threshold.
            builder.Services.AddOptions<RelayLagOptions>().BindConfiguration(RelayLagOptions.Section);
            builder.Services.AddSingleton(new RelayLag(connectionString, $"{service}Relay"));
            builder.Services.AddHostedService<RelayLagMonitor>();
            builder.Services.AddHealthChecks().AddCheck<RelayLagHealthCheck>("relay-lag");
        }

        // Rows the relay or a projection could not read and went past: Degraded until someone repairs them.
        builder.Services.AddSingleton(provider => new SkippedEvents(connectionString, provider.GetRequiredService<IDocumentStore>()));
        builder.Services.AddHealthChecks().AddCheck<SkippedEventsHealthCheck>(SkippedEventsHealthCheck.Name);
        return builder;
    }

    /// <summary>
    /// The ledger as every reader and writer must see it: shared schema, Guid streams, metadata columns, and the fixed
    /// stored names of the event catalog. Public so tools (tests, benchmarks) open exactly the same ledger.
    /// </summary>
    public static void ConfigureLedger(StoreOptions options, ProjectionLifecycle lifecycleFold = ProjectionLifecycle.Live)
    {
        ArgumentNullException.ThrowIfNull(options);

        // The application's fold, explicitly (see ApplicationLifecycleProjection); Live unless the service keeps
        // snapshots of it in its own schema.
        options.Projections.Add(new ApplicationLifecycleProjection(), lifecycleFold);
        options.Events.DatabaseSchemaName = LedgerSchema;
        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;
        foreach (var definition in EventCatalog.All)
        {
            options.Events.MapEventType(definition.Type, definition.StoredName);
        }

        options.AddStoredCodeUpcasters();
    }
}
