using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TitleReview.ServiceDefaults;
using TitleReview.EventStore;
using TitleReview.Audit.Features.Verification;
using TitleReview.EventStore.Jobs;
using TitleReview.Testing;

namespace TitleReview.Audit.IntegrationTests;

/// <summary>
/// Jobs with several instances on one database: a job's lease is held by one instance at a time and freed when that
/// instance's session dies; two instances of a polling job never run it at once; a verification run held elsewhere
/// is left alone and taken over once the holder is gone.
/// </summary>
[Collection(SyntheticLedgerCollection.Name)]
public sealed class JobLeaseTests(SyntheticLedgerFixture ledger)
{
    private JobLeases Leases => ledger.Audit.Services.GetRequiredService<JobLeases>();

    [Fact]
    public async Task A_lease_is_held_by_one_holder_until_it_is_released_or_its_session_dies()
    {
        var name = $"lease-test-{Guid.NewGuid()}";
        var first = await Leases.TryAcquireAsync(name, CancellationToken.None);
        Assert.NotNull(first);
        Assert.Null(await Leases.TryAcquireAsync(name, CancellationToken.None));
        // Another job's lease is not in the way.
        await using (var other = await Leases.TryAcquireAsync(name + "-other", CancellationToken.None))
        {
            Assert.NotNull(other);
        }

        await first.DisposeAsync();
        var second = await Leases.TryAcquireAsync(name, CancellationToken.None);
        Assert.NotNull(second);

        // The holder's instance dies (kill -9 closes its connection): PostgreSQL ends the session and frees the lease.
        Assert.True(await ledger.Infrastructure.ScalarAsync(
            """
            select count(pg_terminate_backend(pid)) from pg_locks
            where locktype = 'advisory' and granted and ((classid::bigint << 32) | objid::bigint) = hashtextextended(@key, 0)
            """, ("key", "titlereview-job:" + name)) == 1);
        var taken = await Eventually.ReturnsAsync(() => Leases.TryAcquireAsync(name, CancellationToken.None), lease => lease is not null,
            TimeSpan.FromSeconds(10), "the lease to be free once its holder's session ended");
        await taken!.DisposeAsync();
        await second.DisposeAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_session_lock_whose_release_never_ran_is_freed_by_the_next_checkout_in_the_pool_for_session_locks_even_when_the_reset_is_off(bool forSessionLocks)
    {
        // A deployment that turned the pool's reset off in the ledger's string; leases use SessionLockConnections whatever it
        // says. A distinct pool size gives each case a pool of its own, so the connection handed out again is the one
        // that kept the lock.
        var services = LedgerConnection.WithAutoPrepare(ledger.Infrastructure.EventStore) + $";No Reset On Close=true;Maximum Pool Size={(forSessionLocks ? 3 : 4)}";
        var pool = forSessionLocks ? SessionLockConnections.Of(services) : services;
        var key = $"titlereview-job:left-behind-{Guid.NewGuid()}";

        // A holder whose unlock never ran (cancelled between the grant and its answer, say): the connection goes back
        // to the pool with the lock.
        await using (var holder = new NpgsqlConnection(pool))
        {
            await holder.OpenAsync();
            await using var take = new NpgsqlCommand("select pg_try_advisory_lock(hashtextextended(@key, 0))", holder);
            take.Parameters.AddWithValue("key", key);
            Assert.True((bool)(await take.ExecuteScalarAsync())!);
        }

        // The next user of the pool gets that connection back.
        await using (var next = new NpgsqlConnection(pool))
        {
            await next.OpenAsync();
            await using var any = new NpgsqlCommand("select 1", next);
            await any.ExecuteScalarAsync();
        }

        var held = await ledger.Infrastructure.ScalarAsync(
            "select count(*) from pg_locks where locktype = 'advisory' and granted and ((classid::bigint << 32) | objid::bigint) = hashtextextended(@key, 0)",
            ("key", key));
        // Reset: the lock is gone. Not reset: it stays with the pooled connection, every other instance locked out.
        Assert.Equal(forSessionLocks ? 0 : 1, held);
        NpgsqlConnection.ClearPool(new NpgsqlConnection(pool));
    }

    [Fact]
    public async Task Two_instances_of_a_polling_job_never_run_it_at_the_same_time()
    {
        var probe = new OverlapProbe();
        var name = $"overlap-probe-{Guid.NewGuid()}";
        using var a = new ProbeJob(Leases, name, probe);
        using var b = new ProbeJob(Leases, name, probe);
        await Task.WhenAll(a.StartAsync(CancellationToken.None), b.StartAsync(CancellationToken.None));

        // Until both have run it a few times and met each other a few times (the second waits for the lease at start-up).
        await Eventually.ReturnsAsync<long?>(() => Task.FromResult<long?>(Math.Min(Math.Min(a.CompletedRuns, b.CompletedRuns), a.SkippedRuns + b.SkippedRuns)),
            least => least >= 5, TimeSpan.FromSeconds(60), "both instances to run the probe job and to find the other one running it");
        await Task.WhenAll(a.StopAsync(CancellationToken.None), b.StopAsync(CancellationToken.None));

        // Each tick (every 10 ms) of each instance wants to run a 50 ms job: without the lease they would overlap at once.
        Assert.Equal(1, probe.MostAtOnce);
        Assert.True(probe.Runs >= 10, $"only {probe.Runs} runs");
    }

    [Fact]
    public async Task A_verification_run_held_by_another_instance_is_left_to_it_and_taken_over_when_that_instance_is_gone()
    {
        await ledger.AppendAsync(id => Histories.Clean(id));
        var runner = ledger.Audit.Services.GetRequiredService<VerificationRunner>();
        var store = ledger.Audit.Services.GetRequiredService<IDocumentStore>();
        var runId = Guid.NewGuid();

        // Another instance is running it: it holds the run's lease, and the run was left Queued by a restart.
        var elsewhere = await Leases.TryAcquireAsync($"verification-run:{runId}", CancellationToken.None);
        Assert.NotNull(elsewhere);
        await using (var session = store.LightweightSession())
        {
            session.Store(new VerificationRun { Id = runId, State = RunState.Queued, RequestedBy = "test", RequestedAt = DateTimeOffset.UtcNow });
            await session.SaveChangesAsync();
        }

        await runner.RunAsync(runId, CancellationToken.None);
        Assert.Equal(RunState.Queued, (await LoadAsync(store, runId))!.State);

        // That instance dies; this one's sweep finds the run and finishes it.
        await elsewhere.DisposeAsync();
        var finished = await Eventually.ReturnsAsync(() => LoadAsync(store, runId), run => run?.State == RunState.Completed,
            VerificationRunner.SweepEvery * 4, "this instance to take the run over at its next sweep");
        Assert.True(finished!.CheckedApplications > 0);
    }

    private static async Task<VerificationRun?> LoadAsync(IDocumentStore store, Guid id)
    {
        await using var query = store.QuerySession();
        return await query.LoadAsync<VerificationRun>(id);
    }

    private sealed class OverlapProbe
    {
        private int running;
        private int mostAtOnce;
        private long runs;

        public int MostAtOnce => Volatile.Read(ref mostAtOnce);
        public long Runs => Interlocked.Read(ref runs);

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostAtOnce, now);
            try
            {
                await Task.Delay(50, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref running);
                Interlocked.Increment(ref runs);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
            {
                if (Interlocked.CompareExchange(ref target, value, seen) == seen)
                {
                    return;
                }
            }
        }
    }

    private sealed class ProbeJob(JobLeases leases, string name, OverlapProbe probe) : PollingJob(leases, NullLogger.Instance)
    {
        protected override TimeSpan Interval => TimeSpan.FromMilliseconds(10);

        protected override string LeaseName => name;

        protected override Task RunOnceAsync(CancellationToken cancellationToken) => probe.RunAsync(cancellationToken);
    }
}
