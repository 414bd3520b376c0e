using Microsoft.Extensions.Diagnostics.HealthChecks;
using TitleReview.Domain.WorkingDays;

namespace TitleReview.EventStore.WorkingDays;

/// <summary>
/// Degraded from <see cref="CalendarRunway.WarningDays"/> days before the loaded calendar runs out (business time), with
/// the date in the description: the operator imports the next year's notice before any deadline needs it. Never
/// Unhealthy: everything that does not count into the missing year still works, and answers clearly where it does.
/// </summary>
public sealed class WorkingDayCalendarHealthCheck(WorkingDayCalendars calendars, TimeProvider clock) : IHealthCheck
{
    public const string Name = "working-day-calendar";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var runway = CalendarRunway.Of(await calendars.CurrentAsync(cancellationToken), clock.Today());
        var data = new Dictionary<string, object> { ["lastDay"] = runway.LastDay?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "" };
        return runway.RunningOut ? HealthCheckResult.Degraded(runway.Description, data: data) : HealthCheckResult.Healthy(runway.Description, data);
    }
}
