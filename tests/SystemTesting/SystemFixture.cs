using System.Net.Http.Json;
using TitleReview.Audit.Features.Verification;
using TitleReview.Certificate.Features.Issue;
using TitleReview.Gateway.Routing;
using TitleReview.IdentityProvider;
using TitleReview.Intake.Features.Status;
using TitleReview.Payment.Features.AssessFee;
using TitleReview.Publicity.Features.Notices;
using TitleReview.Review.Features.ReviewQueue;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.Testing;

namespace TitleReview.SystemTesting;

/// <summary>All six services against one run's PostgreSQL database and RabbitMQ virtual host, and the gateway in front of them.</summary>
public class SystemFixture : IAsyncLifetime
{
    public TestInfrastructure Infrastructure { get; private set; } = null!;
    public ServiceHost<ApplicationFile> Intake { get; private set; } = null!;
    public ServiceHost<ReviewQueueItem> Review { get; private set; } = null!;
    public ServiceHost<PublicityPeriod> Publicity { get; private set; } = null!;
    public ServiceHost<FeeAccount> Payment { get; private set; } = null!;
    public ServiceHost<CertificateRecord> Certificate { get; private set; } = null!;
    public ServiceHost<VerificationRun> Audit { get; private set; } = null!;

    public HttpClient IntakeApi { get; private set; } = null!;
    public HttpClient ReviewApi { get; private set; } = null!;
    public HttpClient CommitteeApi { get; private set; } = null!;
    public HttpClient PublicityApi { get; private set; } = null!;
    public HttpClient PaymentApi { get; private set; } = null!;
    public HttpClient CertificateApi { get; private set; } = null!;
    public HttpClient AuditApi { get; private set; } = null!;

    /// <summary>Intake listens on a real port too: the Audit service calls it over HTTP, as in production.</summary>
    public Uri IntakeAddress { get; private set; } = null!;

    public HttpClient NewIntakeClient() => new() { BaseAddress = IntakeAddress };

    /// <summary>Payment listens on a real port for the finance desk's browser test.</summary>
    public Uri PaymentAddress { get; private set; } = null!;

    public HttpClient NewPaymentClient() => new() { BaseAddress = PaymentAddress };

    /// <summary>Review listens on a real port for the reviewers' browser tests.</summary>
    public Uri ReviewAddress { get; private set; } = null!;

    public HttpClient NewReviewClient() => new() { BaseAddress = ReviewAddress };

    /// <summary>Certificate and Audit listen on real ports too: every page is checked in the browser.</summary>
    public Uri CertificateAddress { get; private set; } = null!;

    public Uri AuditAddress { get; private set; } = null!;

    public HttpClient NewCertificateClient() => new() { BaseAddress = CertificateAddress };

    public HttpClient NewAuditClient() => new() { BaseAddress = AuditAddress };

    /// <summary>Publicity listens on a real port, so the browser tests can reach its public page.</summary>
    public Uri PublicityAddress { get; private set; } = null!;

    public HttpClient NewPublicityClient() => new() { BaseAddress = PublicityAddress };

    /// <summary>
    /// The gateway (issue #15): every service's pages and APIs under one origin and one sign-in, as people use the back
    /// office. It starts after the six services, forwards to their test ports, and signs people in with the
    /// development users or through <see cref="IdentityProvider"/> (OpenID Connect, 使用统一身份认证登录). Browser tests that
    /// walk the back office as a person should start here; tests of one service's own behaviour keep its address.
    /// </summary>
    public ServiceHost<GatewayRoute> Gateway { get; private set; } = null!;

    public Uri GatewayAddress { get; private set; } = null!;

    /// <summary>A client of the gateway without a session or key (wrap it in <c>Person</c> to sign in through the page).</summary>
    public HttpClient NewGatewayClient() => new() { BaseAddress = GatewayAddress };

    /// <summary>The development OpenID Connect provider the gateway is configured with (client <c>titlereview-gateway</c>).</summary>
    public ServiceHost<IdentityProviderDb> IdentityProvider { get; private set; } = null!;

    public Uri IdentityProviderAddress { get; private set; } = null!;

    public IEnumerable<HttpClient> AllApis => [IntakeApi, ReviewApi, PublicityApi, PaymentApi, CertificateApi, AuditApi];

    public async Task InitializeAsync()
    {
        Infrastructure = await TestInfrastructure.StartAsync();
        await BeforeHostsAsync();

        // One after another: each start migrates the shared ledger schema, and two at once only wait on each other's lock.
        // Most tests submit the short declaration-only application (schema v1): allowed here for the first development
        // portal client only, as a deployment would allow a portal not yet moved to v2; dev-portal-b stays on v2.
        Intake = new ServiceHost<ApplicationFile>(Infrastructure, With(new()
        {
            ["Intake:Portal:DeclarationOnlyClients:0"] = "dev-portal",
            // Another committee's cycle, loaded as data the way every deployment adds one (EmployerCommitteeTests).
            ["Cycles:Directory"] = OtherCommittee.WriteDirectory(),
        }));
        var intakePort = Ports.Free();
        Intake.UseKestrel(intakePort);
        Intake.StartServer();
        IntakeAddress = new Uri($"http://127.0.0.1:{intakePort}");
        IntakeApi = NewIntakeClient().As(Roles.Portal);
        Review = new ServiceHost<ReviewQueueItem>(Infrastructure, With(new() { ["Review:IntakeAddress"] = IntakeAddress.ToString() }));
        var reviewPort = Ports.Free();
        Review.UseKestrel(reviewPort);
        Review.StartServer();
        ReviewAddress = new Uri($"http://127.0.0.1:{reviewPort}");
        ReviewApi = NewReviewClient().As(Roles.Reviewer);
        CommitteeApi = NewReviewClient().As(Roles.CommitteeSecretary);
        var port = Ports.Free();
        Publicity = new ServiceHost<PublicityPeriod>(Infrastructure, With([]));
        Publicity.UseKestrel(port);
        Publicity.StartServer();
        PublicityAddress = new Uri($"http://127.0.0.1:{port}");
        PublicityApi = NewPublicityClient().As(Roles.PublicityOfficer);
        Payment = new ServiceHost<FeeAccount>(Infrastructure, With([]));
        var paymentPort = Ports.Free();
        Payment.UseKestrel(paymentPort);
        Payment.StartServer();
        PaymentAddress = new Uri($"http://127.0.0.1:{paymentPort}");
        PaymentApi = NewPaymentClient().As(Roles.Finance);
        Certificate = new ServiceHost<CertificateRecord>(Infrastructure, With([]));
        var certificatePort = Ports.Free();
        Certificate.UseKestrel(certificatePort);
        Certificate.StartServer();
        CertificateAddress = new Uri($"http://127.0.0.1:{certificatePort}");
        CertificateApi = NewCertificateClient().As(Roles.Portal);
        Audit = new ServiceHost<VerificationRun>(Infrastructure, With(ServiceHostSettings.Audit(IntakeAddress)));
        var auditPort = Ports.Free();
        Audit.UseKestrel(auditPort);
        Audit.StartServer();
        AuditAddress = new Uri($"http://127.0.0.1:{auditPort}");
        AuditApi = NewAuditClient().As(Roles.Auditor);
        StartFrontDoor();
    }

    /// <summary>The identity provider and the gateway, each told the other's address (both ports are chosen first).</summary>
    private void StartFrontDoor()
    {
        var gatewayPort = Ports.Free();
        var providerPort = Ports.Free();
        GatewayAddress = new Uri($"http://127.0.0.1:{gatewayPort}");
        IdentityProviderAddress = new Uri($"http://127.0.0.1:{providerPort}");
        IdentityProvider = new ServiceHost<IdentityProviderDb>(Infrastructure, With(new() { ["IdentityProvider:Gateway:Address"] = GatewayAddress.ToString() }));
        IdentityProvider.UseKestrel(providerPort);
        IdentityProvider.StartServer();
        Gateway = new ServiceHost<GatewayRoute>(Infrastructure, With(new()
        {
            ["Gateway:Services:intake"] = IntakeAddress.ToString(),
            ["Gateway:Services:review"] = ReviewAddress.ToString(),
            ["Gateway:Services:publicity"] = PublicityAddress.ToString(),
            ["Gateway:Services:payment"] = PaymentAddress.ToString(),
            ["Gateway:Services:certificate"] = CertificateAddress.ToString(),
            ["Gateway:Services:audit"] = AuditAddress.ToString(),
            ["Auth:Oidc:Authority"] = IdentityProviderAddress.ToString(),
            ["Auth:Oidc:ClientId"] = TitleReview.IdentityProvider.Clients.GatewayClient.ClientId,
            ["Auth:Oidc:ClientSecret"] = TitleReview.IdentityProvider.Clients.GatewayClient.DevelopmentSecret,
            ["Auth:Oidc:RequireHttpsMetadata"] = "false",
        }));
        Gateway.UseKestrel(gatewayPort);
        Gateway.StartServer();
    }

    /// <summary>Settings every host of this fixture gets on top of its own (a subclass may reroute the broker).</summary>
    protected Dictionary<string, string> HostSettings { get; } = [];

    /// <summary>Runs once the run's database and virtual host exist, before any host starts.</summary>
    protected virtual Task BeforeHostsAsync() => Task.CompletedTask;

    private Dictionary<string, string> With(Dictionary<string, string> own)
    {
        foreach (var (key, value) in HostSettings)
        {
            own[key] = value;
        }

        return own;
    }

    /// <summary>Moves business time in every service at once, as the development clock endpoint does for demos.</summary>
    public async Task SetBusinessTimeAsync(DateTimeOffset utcNow)
    {
        foreach (var api in AllApis)
        {
            using var response = await api.PutAsJsonAsync("/api/dev/clock", new { utcNow });
            response.EnsureSuccessStatusCode();
        }
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var host in new IAsyncDisposable[] { Gateway, IdentityProvider, Audit, Certificate, Payment, Publicity, Review, Intake })
        {
            await host.DisposeAsync();
        }

        await Infrastructure.DisposeAsync();
    }
}
