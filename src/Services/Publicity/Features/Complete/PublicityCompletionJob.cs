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
    LedgerSessions sessions, TimeProvider clock, IOptions<PublicityJobOptions> options, ILogger<PublicityCompletionJob> logger) : PollingJob(logger)
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
            if (stream.Aggregate is not { } application)
            {
                continue;
            }

            if (application.OpenObjections.Count > 0)
            {
                continue;
            }

            if (!application.PublicityCompleted && !application.IsTerminal)
            {
                stream.AppendOne(new PublicityCompleted(period.Id, period.NoticeId, today, clock.GetUtcNow()));
                completed++;
            }

            period.Closed = true;
            period.CompletedOn = today;
            session.Store(period);
            await session.SaveChangesAsync(cancellationToken);
        }

        return completed;
    }
}
