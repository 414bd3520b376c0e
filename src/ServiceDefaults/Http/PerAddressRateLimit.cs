using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TitleReview.ServiceDefaults.Http;

/// <summary>
/// Public endpoints that anyone can call (objections, certificate verification) are limited per remote address and
/// minute; the refusal is a bilingual 429. Behind a reverse proxy, configure forwarded headers, or every caller
/// shares one address.
/// </summary>
public static class PerAddressRateLimit
{
    public static IServiceCollection AddPerAddressRateLimits(this IServiceCollection services, params (string Policy, int PerMinute)[] policies) =>
        services.AddRateLimiter(limiter =>
        {
            foreach (var (policy, perMinute) in policies)
            {
                limiter.AddPolicy(policy, http => RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) }));
            }

            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                await Problems.TooManyRequests().ExecuteAsync(context.HttpContext);
            };
        });
}
