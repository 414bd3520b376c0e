using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using TitleReview.Domain;
using TitleReview.Web.Http;

namespace TitleReview.ServiceDefaults.Time;

/// <summary>
/// Business time for every service is a <see cref="TimeProvider"/>. With <c>BusinessClock:Adjustable=true</c>
/// (development and tests only) it becomes an <see cref="AdjustableTimeProvider"/> that <c>PUT /api/dev/clock</c> moves.
/// </summary>
public static class BusinessClock
{
    public const string AdjustableSetting = "BusinessClock:Adjustable";

    /// <summary>Where an adjustable clock starts, so jobs that run at start-up already see the demo's or test's date.</summary>
    public const string StartAtSetting = "BusinessClock:StartAt";

    public static IHostApplicationBuilder AddBusinessClock(this IHostApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue<bool>(AdjustableSetting))
        {
            builder.Services.TryAddSingleton(TimeProvider.System);
            return builder;
        }

        if (builder.Environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"{AdjustableSetting} is true in Production. A movable clock would let anyone rewrite deadlines and publicity periods; it is for development and tests only.");
        }

        var clock = new AdjustableTimeProvider();
        if (builder.Configuration.GetValue<DateTimeOffset?>(StartAtSetting) is { } startAt)
        {
            clock.SetUtcNow(startAt);
        }

        builder.Services.AddSingleton(clock);
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
        return builder;
    }

    public static IEndpointRouteBuilder MapBusinessClock(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<AdjustableTimeProvider>() is null)
        {
            return endpoints;
        }

        // Anonymous on purpose: it exists only outside Production (see AddBusinessClock), for demos and tests.
        var dev = endpoints.MapGroup("/api/dev/clock").WithTags("Development clock").AllowAnonymous();
        dev.MapGet("", (TimeProvider clock) => Results.Ok(new ClockReading(clock.GetUtcNow())));
        dev.MapPut("", (ClockChange? change, AdjustableTimeProvider clock) =>
        {
            if (change?.UtcNow is not { } utcNow)
            {
                return Problems.Validation(new Dictionary<string, Bilingual[]> { ["utcNow"] = [new("必须给出 utcNow（ISO 8601）。", "utcNow (ISO 8601) is required.")] });
            }

            clock.SetUtcNow(utcNow);
            return Results.Ok(new ClockReading(clock.GetUtcNow()));
        });
        return endpoints;
    }

    public sealed record ClockChange(DateTimeOffset? UtcNow);

    public sealed record ClockReading(DateTimeOffset UtcNow);
}
