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
        ArgumentNullException.ThrowIfNull(query);
        var first = today.AddDays(1 - days);
        // In UTC: the column is timestamptz, which Npgsql takes only with an offset of zero (the same instant).
        var since = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
        // Summed by PostgreSQL, a row per day and kind: with 10^5 applications a fortnight holds thousands of movements,
        // and loading each as a document to add them up here was most of the overview's time.
        var table = query.DocumentStore.Options.Schema.For<FeeMovement>();
        var sums = await query.AdvancedSql.QueryAsync<DaySum>(
            $"""
             select jsonb_build_object('Day', day, 'Kind', kind, 'Amount', amount) from (
               select ((d.at at time zone 'UTC') + make_interval(hours => ?))::date as day, d.kind, sum((d.data ->> 'Amount')::numeric) as amount
               from {table} as d where d.at >= ? group by 1, 2) as sums
             """,
            cancellationToken, (int)ChinaTime.Offset.TotalHours, since);
        decimal Sum(FeeMovementKind kind, DateOnly day) => sums.Where(s => s.Kind == kind && s.Day == day).Sum(s => s.Amount);
        return Enumerable.Range(0, days)
            .Select(offset => first.AddDays(offset))
            .Select(day => new DailyTotal(day, Sum(FeeMovementKind.Assessed, day), Sum(FeeMovementKind.Paid, day)))
            .ToList();
    }

    /// <summary>One day's movements of one kind, added up.</summary>
    private sealed record DaySum(DateOnly Day, FeeMovementKind Kind, decimal Amount);
}
