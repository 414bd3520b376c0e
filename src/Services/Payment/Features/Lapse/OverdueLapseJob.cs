using Marten;
using Microsoft.Extensions.Options;
using TitleReview.Contracts.Events;
using TitleReview.Domain.WorkingDays;
using TitleReview.Domain;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.EventStore;
using TitleReview.EventStore.Jobs;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Payment.Features.Lapse;

public sealed class PaymentJobOptions
{
    public const string Section = "Payment:Jobs";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Notice 五: 逾期不缴费视作自愿放弃申报. The due date itself is still a day to pay; from the next day an unpaid fee
/// lapses the application. Runs at start-up too (catch-up after downtime) and is safe to run twice. A payment made by the
/// due date but reported later undoes the lapse (ApplicationLapseUndone, see PaymentJudgement).
/// </summary>
public sealed class OverdueLapseJob(LedgerSessions sessions, TimeProvider clock, IOptions<PaymentJobOptions> options, JobLeases leases, ILogger<OverdueLapseJob> logger) : PollingJob(leases, logger)
{
    public static readonly string Reason = new Bilingual("逾期未缴费，视作自愿放弃申报（通知 五）。", "Fee not paid by the due date: treated as withdrawn (notice 五).").ToString();

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => LapseOverdueAsync(cancellationToken);

    public async Task<int> LapseOverdueAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        IReadOnlyList<FeeAccount> overdue;
        await using (var query = sessions.Query())
        {
            overdue = await query.Query<FeeAccount>().Where(a => !a.Paid && !a.Lapsed && a.DueDate < today).Take(500).ToListAsync(cancellationToken);
        }

        var lapsed = 0;
        foreach (var account in overdue)
        {
            await using var session = sessions.OpenForJob("overdue-lapse");
            var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(account.Id, cancellationToken);
            if (Decide(account, stream.Aggregate, today, clock.GetUtcNow()) is { } lapse)
            {
                stream.AppendOne(lapse);
                lapsed++;
            }

            // The account was read before this stream: a payment taken meanwhile must not be overwritten as a lapse.
            account.Paid = stream.Aggregate?.FeePaid ?? account.Paid;
            account.Lapsed = !account.Paid;
            session.Store(account);
            await session.SaveChangesAsync(cancellationToken);
        }

        return lapsed;
    }

    /// <summary>
    /// An unpaid fee lapses its application from the day after the due date (a Beijing date), unless the application
    /// already ended or its fee was paid. Null: nothing to lapse.
    /// </summary>
    public static ApplicationLapsed? Decide(FeeAccount account, ApplicationLifecycle? application, DateOnly today, DateTimeOffset now) =>
        account.DueDate < today && application is { FeePaid: false, IsTerminal: false }
            ? new ApplicationLapsed(account.Id, Reason, now)
            : null;
}
