using Marten;
using TitleReview.EventStore;

namespace TitleReview.Payment.Features.AssessFee;

/// <summary>
/// A final approval whose fee cannot be assessed yet because its due date falls in a year whose working-day calendar is
/// not loaded. Kept (instead of failing the message into the error queue) until <see cref="AssessWhenCalendarArrivesJob"/>
/// assesses it; finance sees the list at GET /api/payments/awaiting-calendar.
/// </summary>
public sealed class AwaitingCalendar
{
    public Guid Id { get; set; }
    public int MissingYear { get; set; }
    public DateTimeOffset Since { get; set; }
}

public static class AwaitingCalendarEndpoint
{
    /// <summary>Finance: the approvals whose fee waits for a year's calendar, oldest first.</summary>
    public static RouteGroupBuilder MapAwaitingCalendar(this RouteGroupBuilder group)
    {
        group.MapGet("/awaiting-calendar", async (LedgerSessions sessions, CancellationToken cancellationToken) =>
        {
            await using var query = sessions.Query();
            return Results.Ok(await query.Query<AwaitingCalendar>().OrderBy(a => a.Since).ToListAsync(cancellationToken));
        });
        return group;
    }
}
