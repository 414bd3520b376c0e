using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TitleReview.EventStore.WorkingDays;

public static class WorkingDayCalendarRegistration
{
    /// <summary>For services that count working days: the ledger-backed calendar, and a health check that warns before it runs out.</summary>
    public static IHostApplicationBuilder AddWorkingDayCalendars(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WorkingDayCalendars>();
        builder.Services.AddHealthChecks().AddCheck<WorkingDayCalendarHealthCheck>(WorkingDayCalendarHealthCheck.Name, tags: ["ready"]);
        return builder;
    }
}
