using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TitleReview.ServiceDefaults.KeyRing;

/// <summary>
/// One data-protection key ring for every instance of every service: sign-in cookies, anti-forgery tokens and the
/// OpenID Connect round trip's state are encrypted with it, so a request may reach any instance behind the ingress.
/// </summary>
public static class SharedKeyRing
{
    /// <summary>
    /// One application name for all services, not one per service (ASP.NET Core's default is the content root path,
    /// the same /app in every container). The name only separates purposes; it is no secret, and whoever holds the
    /// ring could derive any name's keys, so per-service names would isolate nothing. Nor would a cookie read by
    /// another service give anyone more: people have the same accounts on every service, and each service checks the
    /// roles each endpoint needs. One name lets the gateway of issue #15 give one sign-in to all back-office services
    /// by sharing one cookie name, with no second ring to move to. Until then each service names its own cookie
    /// (BackOfficeAuthorization), so no service reads another's sign-in.
    /// </summary>
    public const string ApplicationName = "TitleReview";

    /// <summary>
    /// The ring in PostgreSQL (<see cref="PostgresXmlRepository"/>, the ledger's connection string) under
    /// <see cref="ApplicationName"/>; keys encrypted to <c>DataProtection:Certificate</c> when one is configured,
    /// and outside Development a service without one refuses to start (<see cref="KeyRingStartup"/>).
    /// </summary>
    public static IHostApplicationBuilder AddSharedKeyRing(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.GetSection(KeyRingSettings.Section).Get<KeyRingSettings>() ?? new KeyRingSettings();
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName);

        var certificate = KeyCertificate.Load(settings.Certificate, $"{KeyRingSettings.Section}:Certificate");
        if (certificate is not null)
        {
            dataProtection.ProtectKeysWithCertificate(certificate);
            var previous = settings.PreviousCertificates
                .Select((previous, index) => KeyCertificate.Load(previous, $"{KeyRingSettings.Section}:PreviousCertificates:{index}"))
                .OfType<System.Security.Cryptography.X509Certificates.X509Certificate2>()
                .ToArray();
            if (previous.Length > 0)
            {
                dataProtection.UnprotectKeysWithAnyCertificate(previous);
            }
        }

        // Every service host has the ledger's connection string (AddEventStore stops without it); a host without one
        // keeps ASP.NET Core's default, a key ring of its own.
        if (builder.Configuration.GetConnectionString(ConnectionNames.Ledger) is { Length: > 0 } connectionString)
        {
            builder.Services.AddSingleton(_ => new PostgresXmlRepository(connectionString));
            builder.Services.AddOptions<KeyManagementOptions>()
                .Configure<PostgresXmlRepository>((options, repository) => options.XmlRepository = repository);
        }

        builder.Services.AddSingleton(new KeyRingProtection(certificate is not null, settings.AllowUnprotectedKeys));
        builder.Services.AddHostedService<KeyRingStartup>();
        return builder;
    }
}

/// <summary>Whether keys are encrypted at rest, and whether the configuration accepts that they are not.</summary>
internal sealed record KeyRingProtection(bool Encrypted, bool UnprotectedAllowed);
