using Marten;
using Microsoft.Extensions.Logging;
using TitleReview.Contracts.Events;
using TitleReview.Domain.WorkingDays;

namespace TitleReview.EventStore.WorkingDays;

/// <summary>
/// The working-day calendar every service counts with: the shipped years plus the years Publicity imported into the
/// calendar stream of the shared ledger. Read from the ledger at first use, then again when the copy is older than
/// <see cref="MaxAge"/> (or on <see cref="RefreshAsync"/>), so an import reaches every service and instance without a
/// restart. A failed read keeps the last good copy: a calendar a minute old beats no answer.
/// </summary>
public sealed class WorkingDayCalendars(IDocumentStore store, ILogger<WorkingDayCalendars> logger) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim reading = new(1, 1);
    private volatile Loaded? loaded;

    /// <summary>The calendar to count with today.</summary>
    public async ValueTask<WorkingDayCalendar> CurrentAsync(CancellationToken cancellationToken) => (await GetAsync(cancellationToken)).Current;

    public async ValueTask<WorkingDayCalendarSet> GetAsync(CancellationToken cancellationToken) =>
        loaded is { } copy && Environment.TickCount64 - copy.At < MaxAge.TotalMilliseconds ? copy.Set : await RefreshAsync(cancellationToken);

    /// <summary>Reads the calendar stream now: after an import, and before work that waits for a year to arrive.</summary>
    public async Task<WorkingDayCalendarSet> RefreshAsync(CancellationToken cancellationToken)
    {
        await reading.WaitAsync(cancellationToken);
        try
        {
            await using var query = store.QuerySession();
            var events = await query.Events.FetchStreamAsync(WorkingDayCalendarStream.Id, token: cancellationToken);
            var set = new WorkingDayCalendarSet(WorkingDayCalendar.Official, [.. events.Select(e => e.Data).OfType<WorkingDayCalendarImported>()]);
            loaded = new Loaded(set, Environment.TickCount64);
            return set;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && loaded is { } stale)
        {
            logger.LogWarning(ex, "Could not read the working-day calendar stream; counting with the copy read earlier ({Version})", stale.Set.Current.Version);
            return stale.Set;
        }
        finally
        {
            reading.Release();
        }
    }

    public void Dispose() => reading.Dispose();

    private sealed record Loaded(WorkingDayCalendarSet Set, long At);
}
