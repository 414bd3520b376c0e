using Marten;
using TitleReview.Domain.WorkingDays;

namespace TitleReview.Payment.Features.FinanceDesk;

/// <summary>Fees assessed and fees collected on one day (Beijing time), in CNY.</summary>
public sealed record DailyTotal(DateOnly Day, decimal Assessed, decimal Collected);

public static class DailyTotals
{
    /// <summary>The last <paramref name="days"/> days up to <paramref name="today"/>, from the ledger's FeeAssessed and FeePaid events as <see cref="FeeMovement"/>s.</summary>
    public static async Task<IReadOnlyList<DailyTotal>> ForAsync(IQuerySession query, DateOnly today, int days, CancellationToken cancellationToken)
    {
        var first = today.AddDays(1 - days);
        // In UTC: the column is timestamptz, which Npgsql takes only with an offset of zero (the same instant).
        var since = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
        var movements = await query.Query<FeeMovement>().Where(m => m.At >= since).ToListAsync(cancellationToken);
        decimal Sum(FeeMovementKind kind, DateOnly day) =>
            movements.Where(m => m.Kind == kind && ChinaTime.DateOfInstant(m.At) == day).Sum(m => m.Amount);
        return Enumerable.Range(0, days)
            .Select(offset => first.AddDays(offset))
            .Select(day => new DailyTotal(day, Sum(FeeMovementKind.Assessed, day), Sum(FeeMovementKind.Paid, day)))
            .ToList();
    }
}
