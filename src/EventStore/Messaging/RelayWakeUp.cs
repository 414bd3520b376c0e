using Marten;
using Microsoft.Extensions.Configuration;

namespace TitleReview.EventStore.Messaging;

/// <summary>
/// When the relay looks at the ledger. Every append sends a PostgreSQL NOTIFY with its commit (Marten's LISTEN/NOTIFY
/// wake-up), so the daemon that leads a service's relay reads the new events at once instead of on its next poll;
/// the polling stays as the safety net for a notification lost with a dropped connection. Both settings exist for
/// the tests that show each path delivers on its own.
/// </summary>
public static class RelayWakeUp
{
    /// <summary><c>EventStore:Relay:WakeOnCommit</c> (default true): appends notify and the daemon listens.</summary>
    public const string WakeOnCommitSetting = "EventStore:Relay:WakeOnCommit";

    /// <summary>
    /// <c>EventStore:Relay:PollingInterval</c> (default 1 s, Marten's own): how long the daemon waits between looks when
    /// no notification comes. While events keep arriving it looks at a quarter of this.
    /// </summary>
    public const string PollingIntervalSetting = "EventStore:Relay:PollingInterval";

    public static readonly TimeSpan DefaultPollingInterval = TimeSpan.FromSeconds(1);

    public static void Configure(StoreOptions options, IConfiguration configuration)
    {
        options.Events.UseListenNotifyForEventAppends = configuration.GetValue(WakeOnCommitSetting, true);
        var polling = configuration.GetValue(PollingIntervalSetting, DefaultPollingInterval);
        options.Projections.SlowPollingTime = polling;
        options.Projections.FastPollingTime = polling / 4;
        // The daemon's watchdog restarts a high-water loop that has not cycled for this long (30 s by default); a loop
        // told to wait longer than that between looks would be restarted as wedged on every quiet stretch.
        options.Projections.HighWaterStalenessThreshold = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, polling.Ticks * 3));
    }
}
