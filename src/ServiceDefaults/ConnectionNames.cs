namespace TitleReview.ServiceDefaults;

/// <summary>The connection strings every service host reads (the AppHost and the deploy manifests set them).</summary>
public static class ConnectionNames
{
    /// <summary>PostgreSQL: the ledger (Marten) and each service's documents.</summary>
    public const string Ledger = "eventstore";

    /// <summary>RabbitMQ: domain events between services (MassTransit).</summary>
    public const string Broker = "messaging";
}
