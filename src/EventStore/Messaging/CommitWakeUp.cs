using JasperFx.Events.Daemon.HighWater;
using Marten;
using Marten.Services;

namespace TitleReview.EventStore.Messaging;

/// <summary>
/// Wakes this process's daemon when this process commits events. A relay publishes only the events its own service
/// appended, so the commits it must hear of are its own: a signal inside the process reaches it without a round trip,
/// where a PostgreSQL NOTIFY on every append woke all six services' daemons for every commit (five of them to find
/// nothing of theirs) and made committing transactions queue for the server's notification lock — under a deadline
/// rush that halved the submissions accepted. Another instance of the same service, or a projection over other
/// services' events (Audit's fold, Review's agenda), learns of the commit on its next poll, which stays the safety net.
/// </summary>
public sealed class CommitWakeUp(RelayPages relayPages) : IDaemonWakeup
{
    // One pending signal is enough: the daemon reads everything committed up to the moment it looks, so many commits
    // while it is busy make one more look, not one each.
    private readonly SemaphoreSlim signal = new(0, 1);
    private int pending;

    /// <summary>Marks that events were committed; a daemon waiting now looks at once, a busy one looks again after.</summary>
    public void Signal()
    {
        // Already signalled and not yet taken: the coming look sees this commit too (and a full semaphore would throw).
        if (Interlocked.Exchange(ref pending, 1) == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // A wait that timed out just as an earlier signal arrived left that one standing: same meaning.
            }
        }
    }

    /// <summary>The daemon's wait between looks: over when a commit is signalled or the polling interval ends.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        if (await signal.WaitAsync(timeout, token))
        {
            // Woken by a commit while the relay publishes a page: look once it is done (RelayPages says why).
            await relayPages.NotPublishingAsync(token);
        }

        // Cleared before the daemon looks: a commit signalled from here on was committed before that look began, or
        // signals again for the next one.
        Interlocked.Exchange(ref pending, 0);
    }

    /// <summary>
    /// Nothing to release: the daemon disposes its wake-up when it stops, yet a restarted daemon waits on the same
    /// instance (it belongs to the store's options), and the semaphore holds no handle unless asked for one.
    /// </summary>
    public void Dispose()
    {
    }

    /// <summary>The session listener that signals after a commit that appended at least one event.</summary>
    public DocumentSessionListenerBase Listener() => new AfterAppend(this);

    private sealed class AfterAppend(CommitWakeUp wakeUp) : DocumentSessionListenerBase
    {
        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            if (commit.GetEvents().Any())
            {
                wakeUp.Signal();
            }

            return Task.CompletedTask;
        }
    }
}
