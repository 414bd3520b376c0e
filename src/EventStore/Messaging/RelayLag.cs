using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace TitleReview.EventStore.Messaging;

/// <summary><c>Messaging:RelayLag</c>: when the relay counts as behind.</summary>
public sealed class RelayLagOptions
{
    public const string Section = "Messaging:RelayLag";

    /// <summary>Events between the ledger's head and the relay past which /health says Degraded.</summary>
    public long DegradedAt { get; set; } = 1_000;

    /// <summary>How often the gauge is refreshed when nobody asks /health.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// How far this service's relay is behind the ledger: the ledger's last sequence minus the relay subscription's
/// recorded progress. Events the relay has not reached are not yet on RabbitMQ, so every other service sees this
/// service's work late by that much; it is the first number to look at when "the fee appears late".
/// </summary>
public sealed class RelayLag(string connectionString, string relayName)
{
    private long last = -1;

    /// <summary>The lag at the last reading (−1 before the first).</summary>
    public long Last => Interlocked.Read(ref last);

    public async Task<long> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            select coalesce((select max(seq_id) from ledger.mt_events), 0)
                 - coalesce((select last_seq_id from ledger.mt_event_progression where name = @shard), 0)
            """, connection);
        command.Parameters.AddWithValue("shard", $"{relayName}:All");
        var lag = Math.Max(0, (long)(await command.ExecuteScalarAsync(cancellationToken))!);
        Interlocked.Exchange(ref last, lag);
        return lag;
    }
}

/// <summary>Degraded while the relay is more than <see cref="RelayLagOptions.DegradedAt"/> events behind; the service still serves.</summary>
public sealed class RelayLagHealthCheck(RelayLag lag, IOptions<RelayLagOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var behind = await lag.ReadAsync(cancellationToken);
        var data = new Dictionary<string, object> { ["lag"] = behind };
        return behind > options.Value.DegradedAt
            ? HealthCheckResult.Degraded($"转发落后账本 {behind} 个事件 / the relay is {behind} events behind the ledger", data: data)
            : HealthCheckResult.Healthy(data: data);
    }
}

/// <summary>Keeps the <c>titlereview.relay.lag</c> gauge current between health checks.</summary>
public sealed class RelayLagMonitor : PeriodicReading
{
    private readonly RelayLag lag;

    public RelayLagMonitor(RelayLag lag, IOptions<RelayLagOptions> options, ILogger<RelayLagMonitor> logger)
        : base(options.Value.PollInterval, logger)
    {
        this.lag = lag;
        MessagingMetrics.Meter.CreateObservableGauge("titlereview.relay.lag", () => Math.Max(0, lag.Last), "{event}",
            "Events in the ledger this service's relay has not yet published");
    }

    protected override string What => "the relay lag";

    protected override Task ReadAsync(CancellationToken cancellationToken) => lag.ReadAsync(cancellationToken);
}
