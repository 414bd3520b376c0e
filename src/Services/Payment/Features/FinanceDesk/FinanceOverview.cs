using Marten;
using TitleReview.Domain.WorkingDays;
using TitleReview.EventStore;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.Payment.Features.PaymentNotifications;
using TitleReview.Payment.Features.Reconciliation;
using TitleReview.Web.Http;

namespace TitleReview.Payment.Features.FinanceDesk;

/// <summary>One page of one of the desk's lists, and how many there are in all.</summary>
public sealed record Rows<T>(IReadOnlyList<T> Items, int Page, long Total);

/// <summary>
/// The page numbers the overview was asked for, one per list (op, pp, lp, rp, fp, sp), and the order of the outstanding
/// fees (os), the list finance works through.
/// </summary>
public sealed record OverviewPages(int Outstanding = 1, int Payments = 1, int Lapses = 1, int RefundsDue = 1, int Refunded = 1, int Statements = 1)
{
    public OutstandingOrder OutstandingOrder { get; init; } = OutstandingOrder.Default;
}

/// <summary>What finance sees on the desk: the chart's days and each list's page.</summary>
public sealed record FinanceOverview(
    DateOnly Today,
    IReadOnlyList<DailyTotal> Days,
    Rows<FeeAccount> Outstanding,
    Rows<FeeMovement> Payments,
    Rows<FeeAccount> Lapses,
    Rows<PaymentNotification> RefundsDue,
    Rows<PaymentNotification> Refunded,
    Rows<FinanceOverviewReader.ReportSummary> Statements);

public static class FinanceOverviewReader
{
    public const int PageSize = 20;
    public const int ChartDays = 14;

    public static async Task<FinanceOverview> ReadAsync(LedgerSessions sessions, TimeProvider clock, OverviewPages pages, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        await using var query = sessions.Query();
        var days = await DailyTotals.ForAsync(query, today, ChartDays, cancellationToken);

        var outstanding = query.Query<FeeAccount>().Where(a => !a.Paid && !a.Lapsed);
        var lapses = query.Query<FeeAccount>().Where(a => a.Lapsed && !a.Paid);
        var due = query.Query<PaymentNotification>().Where(n => n.RefundedAt == null && n.ApplicationId != null && n.Outcome.In(PaymentNotification.RefundableOutcomes));
        var refunded = query.Query<PaymentNotification>().Where(n => n.RefundedAt != null);
        var reports = query.Query<ReconciliationReport>();
        var payments = await query.PageAsync<FeeMovement>(all => all.Where(m => m.Kind == FeeMovementKind.Paid), paid => paid.OrderByDescending(m => m.At),
            m => m.Id, Paging.Of(pages.Payments, PageSize, PageSize, PageSize), cancellationToken);

        return new FinanceOverview(
            today,
            days,
            new(await pages.OutstandingOrder.Apply(outstanding).Skip(Skip(pages.Outstanding)).Take(PageSize).ToListAsync(cancellationToken), pages.Outstanding, await outstanding.CountAsync(cancellationToken)),
            new(payments.Items, pages.Payments, payments.Total),
            new(await lapses.OrderByDescending(a => a.DueDate).Skip(Skip(pages.Lapses)).Take(PageSize).ToListAsync(cancellationToken), pages.Lapses, await lapses.CountAsync(cancellationToken)),
            new(await due.OrderBy(n => n.ReceivedAt).Skip(Skip(pages.RefundsDue)).Take(PageSize).ToListAsync(cancellationToken), pages.RefundsDue, await due.CountAsync(cancellationToken)),
            new(await refunded.OrderByDescending(n => n.RefundedAt).Skip(Skip(pages.Refunded)).Take(PageSize).ToListAsync(cancellationToken), pages.Refunded, await refunded.CountAsync(cancellationToken)),
            new(await reports.OrderByDescending(r => r.UploadedAt).Skip(Skip(pages.Statements)).Take(PageSize)
                .Select(r => new ReportSummary { Id = r.Id, FileName = r.FileName, UploadedAt = r.UploadedAt, UploadedBy = r.UploadedBy, LineCount = r.LineCount, Counts = r.Counts })
                .ToListAsync(cancellationToken), pages.Statements, await reports.CountAsync(cancellationToken)));
    }

    private static int Skip(int page) => (page - 1) * PageSize;

    /// <summary>A report without its lines, for the list: a report of a 10,000-line statement is large.</summary>
    public sealed class ReportSummary
    {
        public string Id { get; set; } = "";
        public string FileName { get; set; } = "";
        public DateTimeOffset UploadedAt { get; set; }
        public string UploadedBy { get; set; } = "";
        public int LineCount { get; set; }
        public Dictionary<string, int> Counts { get; set; } = [];

        public int Differences => Counts.Where(c => c.Key != nameof(LineCategory.Matched)).Sum(c => c.Value);
    }
}
