using Marten;
using Microsoft.Extensions.Options;
using TitleReview.Domain.Lifecycle;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Domain.WorkingDays;
using TitleReview.Publicity.Features.Notices;
using TitleReview.EventStore;
using TitleReview.EventStore.Jobs;

namespace TitleReview.Publicity.Features.Complete;

/// <summary>
/// Completes every publicity whose end date has passed with no open objection. The proof is dated the day after
/// the end at the earliest, never the end date itself (notice 四(一)). It runs at start-up too, so a service that
/// was down over an end date catches up, and it is safe to run twice: the ledger's version check lets one win.
/// </summary>
public sealed class PublicityCompletionJob(
    LedgerSessions sessions, TimeProvider clock, IOptions<PublicityJobOptions> options, JobLeases leases, ILogger<PublicityCompletionJob> logger) : PollingJob(leases, logger)
{
    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => CompleteEndedAsync(cancellationToken);

    public async Task<int> CompleteEndedAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        IReadOnlyList<PublicityPeriod> ended;
        await using (var query = sessions.Query())
        {
            ended = await query.Query<PublicityPeriod>().Where(p => !p.Closed && p.End < today).OrderBy(p => p.End).Take(500).ToListAsync(cancellationToken);
        }

        var completed = 0;
        foreach (var period in ended)
        {
            await using var session = sessions.OpenForJob("publicity-completion");
            var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(period.Id, cancellationToken);
            var step = Decide(stream.Aggregate, period, today, clock.GetUtcNow());
            if (step is CompletionStep.Wait)
            {
                continue;
            }

            if (step is CompletionStep.Complete complete)
            {
                stream.AppendOne(complete.Event);
                completed++;
            }

            period.Closed = true;
            period.CompletedOn = today;
            session.Store(period);
            await session.SaveChangesAsync(cancellationToken);
        }

        return completed;
    }

    /// <summary>
    /// Notice 四(一): a period is over the day after its end date (the end date itself is still open for objections);
    /// it then completes unless an objection is open. A period of an application already completed or terminated is
    /// only closed, with no event.
    /// </summary>
    public static CompletionStep Decide(ApplicationLifecycle? application, PublicityPeriod period, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (application is null || today <= period.End || application.OpenObjections.Count > 0)
        {
            return CompletionStep.Wait.Instance;
        }

        return !application.PublicityCompleted && !application.IsTerminal
            ? new CompletionStep.Complete(new PublicityCompleted(period.Id, period.NoticeId, today, now))
            : CompletionStep.CloseOnly.Instance;
    }
}

/// <summary>What the completion job does with one ended period.</summary>
public abstract record CompletionStep
{
    private CompletionStep()
    {
    }

    /// <summary>Not yet: the period has not ended, an objection is open, or the ledger has no such application.</summary>
    public sealed record Wait : CompletionStep
    {
        public static readonly Wait Instance = new();
    }

    /// <summary>Nothing left to record: close the period only.</summary>
    public sealed record CloseOnly : CompletionStep
    {
        public static readonly CloseOnly Instance = new();
    }

    public sealed record Complete(PublicityCompleted Event) : CompletionStep;
}
