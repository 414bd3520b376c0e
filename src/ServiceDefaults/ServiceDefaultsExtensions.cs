using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TitleReview.BackOffice;
using TitleReview.Domain.Cycles;
using TitleReview.Web.Http;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.ServiceDefaults.KeyRing;
using TitleReview.ServiceDefaults.Time;

namespace TitleReview.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    private const string LiveTag = "live";

    /// <summary>
    /// Telemetry, health checks, service discovery, resilient HTTP clients, problem+json, business time, the key ring
    /// shared by every instance, and roles on every endpoint.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.AddHostDefaults();
        builder.AddBusinessClock();
        builder.AddBackOfficeAuthorization();
        builder.AddClientAddressBehindGateway();
        // Pages are Razor components rendered on the server (TitleReview.BackOffice).
        builder.Services.AddBackOfficePages();

        // Review cycles beyond the shipped ones (another committee, next year) are data: every service loads the same
        // directory into its own catalogue.
        builder.Services.AddSingleton(ReviewCycleCatalogue.Load(builder.Configuration["Cycles:Directory"]));
        return builder;
    }

    /// <summary>
    /// What any host of the system needs, the gateway included, which has its own sign-in and no business rules:
    /// telemetry, health checks, the shared key ring, service discovery, resilient HTTP clients, problem+json.
    /// </summary>
    public static IHostApplicationBuilder AddHostDefaults(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddTelemetry();
        builder.AddHealthChecks();
        // Sign-in cookies and anti-forgery tokens are encrypted with it: one key ring for every instance.
        builder.AddSharedKeyRing();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            if (string.IsNullOrEmpty(context.ProblemDetails.Title) || !context.ProblemDetails.Title.Contains('/', StringComparison.Ordinal))
            {
                context.ProblemDetails.Title = Problems.TitleFor(status);
            }

            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        return builder;
    }

    private static void AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Marten", "MassTransit", "TitleReview.Messaging"))
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new Telemetry.BackgroundNoiseSampler()))
                .AddSource(builder.Environment.ApplicationName, "Marten", "MassTransit", "Npgsql", Telemetry.TracePropagation.RelaySourceName)
                .AddAspNetCoreInstrumentation(aspnet =>
                    aspnet.Filter = http => !http.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
                        && !http.Request.Path.StartsWithSegments("/alive", StringComparison.OrdinalIgnoreCase))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
    }

    private static void AddHealthChecks(this IHostApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        // MassTransit registers its own bus check, which is the RabbitMQ connection; PostgreSQL is checked here.
        if (builder.Configuration.GetConnectionString(ConnectionNames.Ledger) is { } eventStore)
        {
            checks.AddNpgSql(eventStore, name: "postgresql", tags: ["ready"]);
        }
    }

    /// <summary>/health (everything, PostgreSQL and RabbitMQ included), /alive (the process), problem+json, the dev clock.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseClientAddressBehindGateway();
        app.UseEmptyFilterValuesOnPages();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // No browser may guess a type other than the one declared: uploaded files are served back as downloads, and a
        // sniffed "HTML" inside one must never run.
        app.Use((http, next) =>
        {
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return next(http);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        // Whatever a cookie authenticates and changes state needs the token (CookieAntiforgery); then forms bound with
        // [FromForm] are checked by the framework, except uploads that machines send with their keys (they opt out).
        app.UseCookieAntiforgery();
        app.UseAntiforgery();
        // One rate limiter for the whole pipeline; each endpoint that needs a limit names its policy.
        app.UseRateLimiter();
        app.MapHealthEndpoints();
        app.MapBusinessClock();
        app.MapBackOfficeStylesheet();
        return app;
    }

    /// <summary>/health (everything, PostgreSQL and RabbitMQ included where the host uses them) and /alive (the process).</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) }).AllowAnonymous();
        return app;
    }
}
