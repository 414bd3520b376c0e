using TitleReview.Domain.Cycles;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Marten;
using TitleReview.Audit.Features.History;
using TitleReview.EventStore.Jobs;
using TitleReview.EventStore.WorkingDays;

namespace TitleReview.Audit.Features.Verification;

/// <summary>
/// Runs verifications one at a time in the background. A run interrupted by a restart is started again from the
/// beginning (its partial findings dropped), so a crash never leaves a run that claims to be complete. With several
/// Audit instances a run executes once: it runs under a lease of its own (<see cref="JobLeases"/>), and every instance
/// looks for unfinished runs at start and every <see cref="SweepEvery"/>, so a run whose instance died is taken over
/// by another once that instance's connection (and lease) is gone, while a run still alive elsewhere is left to it.
/// </summary>
public sealed class VerificationRunner(
    IDocumentStore store, LedgerReader ledger, WorkingDayCalendars calendars, ReviewCycleCatalogue cycles, TimeProvider clock,
    JobLeases leases, ILogger<VerificationRunner> logger) : BackgroundService
{
    private const int FindingsPerBatch = 500;
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);

    /// <summary>How often an instance looks for runs nobody is running (real time: a lease is about live connections).</summary>
    public static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(15);

    private readonly Channel<Guid> queue = Channel.CreateUnbounded<Guid>();

    // Ids waiting in the channel: a sweep does not queue a run twice while it waits.
    private readonly ConcurrentDictionary<Guid, byte> queued = new();

    public async Task<VerificationRun> StartAsync(string requestedBy, CancellationToken cancellationToken)
    {
        var run = new VerificationRun { Id = Guid.NewGuid(), State = RunState.Queued, RequestedBy = requestedBy, RequestedAt = clock.GetUtcNow() };
        await using var session = store.LightweightSession();
        session.Store(run);
        await session.SaveChangesAsync(cancellationToken);
        await EnqueueAsync(run.Id, cancellationToken);
        return run;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.WhenAll(SweepAsync(stoppingToken), WorkAsync(stoppingToken));
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        await foreach (var runId in queue.Reader.ReadAllAsync(stoppingToken))
        {
            queued.TryRemove(runId, out _);
            try
            {
                await RunAsync(runId, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Verification run {RunId} failed", runId);
                await MarkFailedAsync(runId, ex.Message, stoppingToken);
            }
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepEvery);
        do
        {
            try
            {
                await RequeueUnfinishedAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Looking for unfinished verification runs failed; the next sweep retries");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RequeueUnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var query = store.QuerySession();
        var unfinished = await query.Query<VerificationRun>()
            .Where(r => r.State == RunState.Queued || r.State == RunState.Running)
            .OrderBy(r => r.RequestedAt).Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var id in unfinished)
        {
            await EnqueueAsync(id, cancellationToken);
        }
    }

    private async Task EnqueueAsync(Guid runId, CancellationToken cancellationToken)
    {
        if (queued.TryAdd(runId, 0))
        {
            await queue.Writer.WriteAsync(runId, cancellationToken);
        }
    }

    /// <summary>
    /// Runs one verification to the end, unless another instance is running it now (then that one finishes it, or this
    /// one takes it over at a later sweep if it dies). Public so the benchmark measures exactly what the service does.
    /// </summary>
    public async Task RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var lease = await leases.TryAcquireAsync($"verification-run:{runId}", cancellationToken);
        if (lease is null)
        {
            logger.LogDebug("Verification run {RunId} is running on another instance", runId);
            return;
        }

        await using var session = store.LightweightSession();
        var run = await session.LoadAsync<VerificationRun>(runId, cancellationToken);
        if (run is null || run.State is RunState.Completed or RunState.Failed)
        {
            return;
        }

        session.DeleteWhere<RunFinding>(f => f.RunId == runId);
        run.State = RunState.Running;
        run.StartedAt = clock.GetUtcNow();
        run.TotalApplications = await ledger.CountStreamsAsync(cancellationToken);
        run.CheckedApplications = run.CheckedEvents = run.ApplicationsWithFindings = 0;
        run.FindingCount = 0;
        run.FindingsByRule = [];
        session.Store(run);
        await session.SaveChangesAsync(cancellationToken);

        // Read once per run: every Published replays with the calendar version it recorded, imported years included.
        var calendarSet = await calendars.RefreshAsync(cancellationToken);
        var sinceProgress = Stopwatch.StartNew();
        var pending = 0;
        await foreach (var history in ledger.AllStreamsAsync(cancellationToken))
        {
            var findings = HistoryVerifier.Verify(history, calendarSet, cycles);
            run.CheckedApplications++;
            run.CheckedEvents += history.Count;
            if (findings.Count > 0)
            {
                run.ApplicationsWithFindings++;
            }

            foreach (var finding in findings)
            {
                session.Store(RunFinding.Of(runId, run.FindingCount++, finding));
                run.FindingsByRule[finding.Rule] = run.FindingsByRule.GetValueOrDefault(finding.Rule) + 1;
                pending++;
            }

            if (pending >= FindingsPerBatch || sinceProgress.Elapsed >= ProgressEvery)
            {
                session.Store(run);
                await session.SaveChangesAsync(cancellationToken);
                pending = 0;
                sinceProgress.Restart();
            }
        }

        run.State = RunState.Completed;
        run.FinishedAt = clock.GetUtcNow();
        session.Store(run);
        await session.SaveChangesAsync(cancellationToken);
    }

    private async Task MarkFailedAsync(Guid runId, string error, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<VerificationRun>(runId, cancellationToken) is { } run)
        {
            run.State = RunState.Failed;
            run.Error = error;
            run.FinishedAt = clock.GetUtcNow();
            session.Store(run);
            await session.SaveChangesAsync(cancellationToken);
        }
    }
}
