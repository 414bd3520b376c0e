using TitleReview.EventStore;
using TitleReview.Web.Http;

namespace TitleReview.Intake.Features.SubmitApplication;

/// <summary>
/// Each portal client gets its own request budget (<c>Intake:RateLimit:PerMinute</c>, default 600), keyed by the
/// authenticated client rather than the address: one misbehaving portal cannot starve another behind the same proxy.
/// </summary>
public static class PortalRateLimit
{
    public const string Policy = "portal-client";

    public static IServiceCollection AddPortalRateLimit(this IServiceCollection services, IConfiguration configuration) =>
        services.AddPerMinuteRateLimit(Policy, configuration.GetValue("Intake:RateLimit:PerMinute", 600), http => LedgerSessions.ActingFor(http).UserId);
}
