using Microsoft.Extensions.Options;
using TitleReview.EventStore.Jobs;

namespace TitleReview.Audit.Features.Seals;

/// <summary>Seals the ledger periodically (and once at start-up, catching up whatever came in while Audit was down).</summary>
public sealed class SealJob(LedgerSeals seals, IOptions<SealOptions> options, JobLeases leases, ILogger<SealJob> logger) : PollingJob(leases, logger)
{
    protected override TimeSpan Interval => options.Value.Interval;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Interval > TimeSpan.Zero)
        {
            await base.ExecuteAsync(stoppingToken);
        }
    }

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var outcome = await seals.SealAsync("system:audit.seal-job", cancellationToken);
        if (outcome.Sealed)
        {
            logger.LogInformation("Sealed the ledger up to sequence {Sequence} (seal {Seal})", outcome.Latest!.UpToSequence, outcome.Latest.SealNumber);
        }
    }
}

/// <summary>Creates the append-only seal tables before anything reads or writes them.</summary>
public sealed class SealTables(LedgerSeals seals) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => seals.EnsureTablesAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
