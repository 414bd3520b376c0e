using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TitleReview.Web.Http;

/// <summary>
/// Fixed one-minute budgets per policy, each split by a partition key; the refusal is a bilingual 429. Public endpoints
/// anyone can call (objections, certificate verification, sign-in) are split per remote address — behind a reverse
/// proxy, configure forwarded headers, or every caller shares one address; machine clients per authenticated client.
/// </summary>
public static class PerMinuteRateLimits
{
    public static IServiceCollection AddPerAddressRateLimits(this IServiceCollection services, params (string Policy, int PerMinute)[] policies)
    {
        foreach (var (policy, perMinute) in policies)
        {
            services.AddPerMinuteRateLimit(policy, perMinute, http => http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        }

        return services;
    }

    public static IServiceCollection AddPerMinuteRateLimit(this IServiceCollection services, string policy, int perMinute, Func<HttpContext, string> partitionBy) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(policy, http => RateLimitPartition.GetFixedWindowLimiter(
                partitionBy(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) }));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                await Problems.TooManyRequests().ExecuteAsync(context.HttpContext);
            };
        });
}
