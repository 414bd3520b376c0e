using System.Threading.RateLimiting;
using TitleReview.ServiceDefaults.EventStore;

namespace TitleReview.Intake.Features;

/// <summary>
/// Each portal client gets its own request budget (<c>Intake:RateLimit:PerMinute</c>, default 600), keyed by the
/// authenticated client rather than the address: one misbehaving portal cannot starve another behind the same proxy.
/// </summary>
public static class PortalRateLimit
{
    public const string Policy = "portal-client";

    public static IServiceCollection AddPortalRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("Intake:RateLimit:PerMinute", 600);
        return services.AddRateLimiter(limiter => limiter.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
            LedgerSessions.ActingFor(http).UserId,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) })));
    }
}
