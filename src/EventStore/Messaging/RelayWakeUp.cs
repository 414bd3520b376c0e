using Marten;
using Microsoft.Extensions.Configuration;

namespace TitleReview.EventStore.Messaging;

/// <summary>
/// When the relay looks at the ledger. A commit that appended events wakes the daemon of the same process at once
/// (<see cref="CommitWakeUp"/>), so the relay reads them without waiting for its next poll; the polling stays as the
/// safety net (another instance leading the relay, a projection over other services' events). Both settings exist
/// for the tests that show each path delivers on its own.
/// </summary>
public static class RelayWakeUp
{
    /// <summary><c>EventStore:Relay:WakeOnCommit</c> (default true): this process's commits wake its daemon.</summary>
    public const string WakeOnCommitSetting = "EventStore:Relay:WakeOnCommit";

    /// <summary>
    /// <c>EventStore:Relay:WakeAcrossInstances</c> (default false): the wake-up goes through PostgreSQL instead
    /// (Marten's NOTIFY on every append, LISTEN in every daemon), so a commit on one replica also wakes the relay led by
    /// another. For a service run as several replicas whose hops must stay under the polling interval; it costs every
    /// append a NOTIFY and wakes every service's daemon on every commit (bench/README.md has the measured cost).
    /// </summary>
    public const string WakeAcrossInstancesSetting = "EventStore:Relay:WakeAcrossInstances";

    /// <summary>
    /// <c>EventStore:Relay:PollingInterval</c> (default 1 s, Marten's own): how long the daemon waits between looks when
    /// no notification comes. While events keep arriving it looks at a quarter of this.
    /// </summary>
    public const string PollingIntervalSetting = "EventStore:Relay:PollingInterval";

    public static readonly TimeSpan DefaultPollingInterval = TimeSpan.FromSeconds(1);

    public static void Configure(StoreOptions options, IConfiguration configuration, RelayPages relayPages)
    {
        var wakeOnCommit = configuration.GetValue(WakeOnCommitSetting, true);
        var acrossInstances = configuration.GetValue(WakeAcrossInstancesSetting, false);
        // Marten's LISTEN/NOTIFY only when asked for: see CommitWakeUp for why the signal normally stays in the process.
        options.Events.UseListenNotifyForEventAppends = wakeOnCommit && acrossInstances;
        if (wakeOnCommit && !acrossInstances)
        {
            var wakeUp = new CommitWakeUp(relayPages);
            options.Projections.Wakeup = wakeUp;
            options.Listeners.Add(wakeUp.Listener());
        }

        var polling = configuration.GetValue(PollingIntervalSetting, DefaultPollingInterval);
        options.Projections.SlowPollingTime = polling;
        options.Projections.FastPollingTime = polling / 4;
        // The daemon's watchdog restarts a high-water loop that has not cycled for this long (30 s by default); a loop
        // told to wait longer than that between looks would be restarted as wedged on every quiet stretch.
        options.Projections.HighWaterStalenessThreshold = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, polling.Ticks * 3));
    }
}
