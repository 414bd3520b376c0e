using Marten;
using TitleReview.Contracts.Events;
using TitleReview.Domain.WorkingDays;

namespace TitleReview.Payment.Features.FinanceDesk;

/// <summary>Fees assessed and fees collected on one day (Beijing time), in CNY.</summary>
public sealed record DailyTotal(DateOnly Day, decimal Assessed, decimal Collected);

public static class DailyTotals
{
    /// <summary>The last <paramref name="days"/> days up to <paramref name="today"/>, read from the ledger's FeeAssessed and FeePaid events.</summary>
    public static async Task<IReadOnlyList<DailyTotal>> ForAsync(IQuerySession query, DateOnly today, int days, CancellationToken cancellationToken)
    {
        var first = today.AddDays(1 - days);
        var since = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset);
        var assessed = await query.Events.QueryRawEventDataOnly<FeeAssessed>().Where(e => e.AssessedAt >= since).ToListAsync(cancellationToken);
        var paid = await query.Events.QueryRawEventDataOnly<FeePaid>().Where(e => e.PaidAt >= since).ToListAsync(cancellationToken);
        var assessedByDay = assessed.GroupBy(e => ChinaTime.DateOfInstant(e.AssessedAt)).ToDictionary(g => g.Key, g => g.Sum(e => e.Amount));
        var paidByDay = paid.GroupBy(e => ChinaTime.DateOfInstant(e.PaidAt)).ToDictionary(g => g.Key, g => g.Sum(e => e.Amount));
        return Enumerable.Range(0, days)
            .Select(offset => first.AddDays(offset))
            .Select(day => new DailyTotal(day, assessedByDay.GetValueOrDefault(day), paidByDay.GetValueOrDefault(day)))
            .ToList();
    }
}
